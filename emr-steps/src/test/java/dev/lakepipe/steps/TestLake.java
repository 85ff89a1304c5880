package dev.lakepipe.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A local lake folder (buckets, secrets.json, catalog) and a runtime snapshot naming the test tables. */
final class TestLake {

    static final String SECRET = "lakepipe/test/source";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final ObjectNode snapshot;

    TestLake(Path home) throws IOException {
        this.home = home;
        var source = TestSource.postgres();
        var secret = JSON.createObjectNode()
                .put("username", "postgres").put("password", "postgres").put("host", "localhost")
                .put("port", source.getPort()).put("dbname", "postgres").put("engine", "postgres").put("sslmode", "disable");
        Files.writeString(home.resolve("secrets.json"), JSON.writeValueAsString(JSON.createObjectNode().set(SECRET, secret)));
        snapshot = JSON.createObjectNode().put("identifier", "test").put("created_at", "2026-11-23T11:00:00Z");
        var environment = snapshot.putObject("environment");
        environment.put("bronze", home.resolve("s3/lakepipe-bronze").toUri().toString());
        environment.put("silver", home.resolve("s3/lakepipe-silver").toUri().toString());
        environment.put("secrets", home.resolve("secrets.json").toUri().toString());
        environment.put("catalog", home.resolve("catalog").toUri().toString());
        snapshot.putArray("items").addObject().put("identifier", "test").put("config", "database::config")
                .put("secret", SECRET).put("target_db_name", "lake").put("target_table_prefix", "src");
    }

    /** Adds {@code step::system::<qualified>} with the given hudi_config and spark_jdbc_config. */
    TestLake table(String qualified, Map<String, Object> hudiConfig, Map<String, String> jdbcConfig) {
        var item = ((com.fasterxml.jackson.databind.node.ArrayNode) snapshot.get("items")).addObject();
        item.put("identifier", "test").put("config", "step::system::" + qualified).put("enabled", true);
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
        return home.resolve("s3/lakepipe-bronze/full/postgres").resolve(schema).resolve(table);
    }
}
