package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the tables of a query are read: the latest snapshot (committed data only), the snapshot as of an instant
 * (Hudi time travel), or the records changed after an instant (Hudi incremental query), optionally up to an instant.
 * Every table a query names is read the same way, so a join of two tables sees one consistent point in time.
 */
public sealed interface ReadMode {

    /** Hudi instants: {@code yyyyMMddHHmmss} or {@code yyyyMMddHHmmssSSS} (UTC, as the tables' timelines are). */
    Pattern INSTANT = Pattern.compile("\\d{14}(\\d{3})?");

    /** The Hudi read options of this mode. */
    Map<String, String> readOptions();

    /** One line for the user: what the query sees. */
    String describe();

    record Snapshot() implements ReadMode {
        @Override
        public Map<String, String> readOptions() {
            return Map.of("hoodie.datasource.query.type", "snapshot");
        }

        @Override
        public String describe() {
            return "latest committed snapshot";
        }
    }

    /** Time travel: every table as it was after the last commit at or before {@code instant}. */
    record AsOf(String instant) implements ReadMode {
        public AsOf {
            requireNonNull(instant, "instant is null");
        }

        @Override
        public Map<String, String> readOptions() {
            return Map.of("hoodie.datasource.query.type", "snapshot", "as.of.instant", instant);
        }

        @Override
        public String describe() {
            return "snapshot as of " + instant;
        }
    }

    /** Incremental: the latest version of every record written by a commit after {@code since} (and at or before {@code until}). */
    record ChangesSince(String since, Optional<String> until) implements ReadMode {
        public ChangesSince {
            requireNonNull(since, "since is null");
            requireNonNull(until, "until is null");
        }

        @Override
        public Map<String, String> readOptions() {
            var options = new LinkedHashMap<String, String>();
            options.put("hoodie.datasource.query.type", "incremental");
            options.put("hoodie.datasource.read.begin.instanttime", since);
            until.ifPresent(end -> options.put("hoodie.datasource.read.end.instanttime", end));
            return Map.copyOf(options);
        }

        @Override
        public String describe() {
            return "records changed after " + since
                    + until.map(end -> " up to " + end).orElse("");
        }
    }

    /** The mode of {@code --as-of} and {@code --changes-since}; both together: the changes between the two instants. */
    static ReadMode of(Optional<String> asOf, Optional<String> changesSince) {
        asOf.ifPresent(instant -> checkInstant("--as-of", instant));
        changesSince.ifPresent(instant -> checkInstant("--changes-since", instant));
        if (changesSince.isPresent()) {
            if (asOf.isPresent() && asOf.get().compareTo(changesSince.get()) <= 0) {
                throw new LakepipeException(
                        "Invalid --as-of %s: it must be after --changes-since %s (the changes between the two instants)",
                        asOf.get(), changesSince.get());
            }
            return new ChangesSince(changesSince.get(), asOf);
        }
        return asOf.<ReadMode>map(AsOf::new).orElseGet(Snapshot::new);
    }

    private static void checkInstant(String option, String instant) {
        if (!INSTANT.matcher(instant).matches()) {
            throw new LakepipeException(
                    "Invalid %s '%s': expected a Hudi instant yyyyMMddHHmmss[SSS] in UTC, e.g. 20261123110000000;"
                            + " 'lakepipe tables describe <table>' lists a table's commits",
                    option, instant);
        }
    }
}
