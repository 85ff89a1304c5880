package dev.lakepipe.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.tpcc.SecretsFile;
import dev.lakepipe.tpcc.TpccSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A lake folder (buckets, catalog) and a runtime snapshot over the shared {@link TestSource}: the
 * nine TPC-C tables as configured in {@code pipeline-configs/tpcc.json}, plus test tables.
 */
final class TestLake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TPCC_CONFIGS = Path.of("..", "pipeline-configs", "tpcc.json");

    private final Path home;
    private final ObjectNode snapshot;
    private final ArrayNode items;

    TestLake(Path home) throws IOException {
        this(home, TestSource.source());
    }

    TestLake(Path home, TpccSource source) throws IOException {
        this.home = home;
        snapshot = JSON.createObjectNode().put("identifier", "tpcc").put("created_at", "2026-11-23T11:00:00Z");
        var environment = snapshot.putObject("environment");
        for (var bucket : new String[] {"bronze", "silver", "gold", "artifacts"}) {
            environment.put(bucket, home.resolve("s3/lakepipe-" + bucket).toUri().toString());
        }
        environment.put("secrets", source.secretsFile().toAbsolutePath().toUri().toString());
        environment.put("catalog", home.resolve("catalog").toUri().toString());
        items = snapshot.putArray("items");
        items.addObject().put("identifier", "tpcc").put("config", "database::config")
                .put("secret", SecretsFile.SPARK_SECRET).put("target_db_name", "tpcc_lake").put("target_table_prefix", "tpcc");
    }

    /** Adds the nine TPC-C table items of pipeline-configs/tpcc.json. */
    TestLake tpccTables() throws IOException {
        for (JsonNode item : JSON.readTree(TPCC_CONFIGS.toFile())) {
            if (item.path("config").asText().startsWith("step::system::")) {
                items.add(item);
            }
        }
        return this;
    }

    /** Adds {@code step::system::<qualified>} with the given hudi_config and spark_jdbc_config. */
    TestLake table(String qualified, Map<String, Object> hudiConfig, Map<String, String> jdbcConfig) {
        var item = items.addObject();
        item.put("identifier", "tpcc").put("config", "step::system::" + qualified).put("enabled", true);
        item.set("hudi_config", JSON.valueToTree(hudiConfig));
        item.set("spark_jdbc_config", JSON.valueToTree(jdbcConfig));
        return this;
    }

    /** Writes the snapshot and returns its URI. */
    String snapshotUri() throws IOException {
        var file = home.resolve("snapshot.json");
        Files.writeString(file, JSON.writeValueAsString(snapshot));
        return file.toUri().toString();
    }

    Path home() {
        return home;
    }

    Path bronze(String schema, String table) {
        return home.resolve("s3/lakepipe-bronze/full/tpcc").resolve(schema).resolve(table);
    }
}
