package dev.lakepipe.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.tpcc.TpccSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A lake folder (buckets, catalog) and a runtime snapshot over the shared {@link TestSource}: the
 * nine TPC-C tables as configured in {@code pipeline-configs/tpcc.json}, plus test tables.
 */
final class TestLake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final TestSnapshot snapshot;

    TestLake(Path home) throws IOException {
        this(home, TestSource.source());
    }

    TestLake(Path home, TpccSource source) throws IOException {
        this.home = home;
        snapshot = new TestSnapshot("tpcc", home)
                .secrets(source.secretsFile())
                .database(SecretsFile.SPARK_SECRET, "tpcc_lake", "tpcc");
    }

    /** Adds the nine TPC-C table items of pipeline-configs/tpcc.json. */
    TestLake tpccTables() throws IOException {
        snapshot.tpccTables();
        return this;
    }

    /** Adds {@code step::system::<qualified>} with the given hudi_config and spark_jdbc_config. */
    TestLake table(String qualified, Map<String, Object> hudiConfig, Map<String, String> jdbcConfig) {
        snapshot.table(qualified, hudiConfig).set("spark_jdbc_config", JSON.valueToTree(jdbcConfig));
        return this;
    }

    /** Writes the snapshot and returns its URI. */
    String snapshotUri() throws IOException {
        return snapshot.write(home.resolve("snapshot.json"));
    }

    Path home() {
        return home;
    }

    Path bronze(String schema, String table) {
        return home.resolve("s3/lakepipe-bronze/full/tpcc").resolve(schema).resolve(table);
    }
}
