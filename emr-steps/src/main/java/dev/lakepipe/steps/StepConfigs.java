package dev.lakepipe.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.hudi.HudiTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Reads the runtime snapshot (through Hadoop's file system: {@code file:} locally, S3 on EMR) into {@link StepTable}s. */
public final class StepConfigs {

    private static final String SYSTEM_STEP = "step::system::";

    private final String uri;
    private final JsonNode snapshot;

    private StepConfigs(String uri, JsonNode snapshot) {
        this.uri = uri;
        this.snapshot = snapshot;
    }

    public static StepConfigs read(String uri, Configuration hadoop) {
        var path = new Path(uri);
        try (var in = path.getFileSystem(hadoop).open(path)) {
            return new StepConfigs(uri, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read runtime snapshot %s: %s", uri, e.getMessage());
        }
    }

    /** The enabled system tables of the snapshot, in config order. */
    public List<StepTable> tables() {
        var tables = new ArrayList<StepTable>();
        for (var item : snapshot.path("items")) {
            var key = item.path("config").asText();
            if (key.startsWith(SYSTEM_STEP) && item.path("enabled").asBoolean(true)) {
                tables.add(table(key.substring(SYSTEM_STEP.length())));
            }
        }
        return tables;
    }

    public StepTable table(String qualified) {
        var step = item(SYSTEM_STEP + qualified);
        var database = item("database::config");
        var environment = snapshot.path("environment");
        var dot = qualified.indexOf('.');
        if (dot < 1) {
            throw new LakepipeException("Invalid table name: '%s'; expected <schema>.<table>", qualified);
        }
        var schema = qualified.substring(0, dot);
        var table = qualified.substring(dot + 1);
        var hudi = step.path("hudi_config");
        var prefix = text(database, "target_table_prefix");
        var target = Optional.ofNullable(hudi.path("override_target_table_name").textValue())
                .orElse(prefix + "_" + schema + "_" + table);
        var allColumns = "all_columns".equalsIgnoreCase(hudi.path("key_strategy").asText("primary_key"));
        var lake = new StepTable.Lake(text(environment, "bronze"), text(environment, "silver"),
                text(environment, "secrets"), text(environment, "catalog"));
        return new StepTable(snapshot.path("identifier").asText(), schema, table, jdbcOptions(step.path("spark_jdbc_config")),
                text(database, "secret"), text(database, "target_db_name"), target,
                allColumns ? List.of() : list(hudi.path("primary_key")),
                hudi.path("is_partitioned").asBoolean(false) ? Optional.of(text(hudi, "partition_path")) : Optional.empty(),
                HudiTable.TableType.valueOf(hudi.path("table_type").asText("COPY_ON_WRITE")), lake);
    }

    private JsonNode item(String key) {
        for (var item : snapshot.path("items")) {
            if (key.equals(item.path("config").asText())) {
                return item;
            }
        }
        throw new LakepipeException("Cannot find config item %s in runtime snapshot %s; add it to the identifier's configs", key, uri);
    }

    private String text(JsonNode node, String field) {
        var value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new LakepipeException("Invalid runtime snapshot %s: field %s is missing", uri, field);
        }
        return value.asText();
    }

    private static List<String> list(JsonNode node) {
        if (node.isArray()) {
            var values = new ArrayList<String>();
            node.forEach(value -> values.add(value.asText()));
            return values;
        }
        return Arrays.stream(node.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> jdbcOptions(JsonNode node) {
        var options = new LinkedHashMap<String, String>();
        node.fields().forEachRemaining(field -> options.put(field.getKey(), field.getValue().asText()));
        return options;
    }
}
