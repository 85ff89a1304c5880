package dev.lakepipe.steps.load;

import dev.lakepipe.LakepipeException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * A table's {@code spark_jdbc_config}: the Spark JDBC options (case-insensitive keys, as Spark
 * treats them). The COPY reader honours the partitioning options; options only Spark's JDBC
 * source understands send the table down the fallback path.
 */
record JdbcReadOptions(Map<String, String> options) {

    /** Options that change what is read; only Spark's JDBC source implements them. */
    private static final Set<String> FALLBACK_ONLY = Set.of("query", "customschema", "preparequery");

    JdbcReadOptions {
        var normalized = new TreeMap<String, String>();
        options.forEach((key, value) -> normalized.put(key.toLowerCase(Locale.ROOT), value));
        options = Map.copyOf(normalized);
    }

    /** Why this table must use Spark's JDBC source, or empty when the COPY reader can read it. */
    Optional<String> fallbackReason(String qualifiedTable) {
        for (var key : FALLBACK_ONLY) {
            if (options.containsKey(key)) {
                return Optional.of("spark_jdbc_config." + key + " is set");
            }
        }
        var dbtable = options.get("dbtable");
        if (dbtable != null && !dbtable.equalsIgnoreCase(qualifiedTable)) {
            return Optional.of("spark_jdbc_config.dbtable is '" + dbtable + "', not the table itself");
        }
        return Optional.empty();
    }

    Optional<String> partitionColumn() {
        return Optional.ofNullable(options.get("partitioncolumn"));
    }

    OptionalLong lowerBound() {
        return longOption("lowerbound");
    }

    OptionalLong upperBound() {
        return longOption("upperbound");
    }

    OptionalInt numPartitions() {
        var value = longOption("numpartitions");
        if (value.isPresent() && value.getAsLong() < 1) {
            throw new LakepipeException(
                    "Invalid spark_jdbc_config.numPartitions: %s; expected a positive integer", value.getAsLong());
        }
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    private OptionalLong longOption(String key) {
        var value = options.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new LakepipeException("Invalid spark_jdbc_config.%s: '%s'; expected an integer", key, value);
        }
    }
}
