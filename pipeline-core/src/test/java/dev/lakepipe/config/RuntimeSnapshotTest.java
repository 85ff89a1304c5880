package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeSnapshotTest {

    static final SnapshotEnvironment LOCAL = new SnapshotEnvironment(
            "file:///h/s3/lakepipe-bronze",
            "file:///h/s3/lakepipe-silver",
            "file:///h/s3/lakepipe-gold",
            "file:///h/s3/lakepipe-artifacts",
            "file:///h/secrets.json",
            "file:///h/catalog");

    @Test
    void writesAndReadsBack(@TempDir Path dir) {
        var snapshot = new RuntimeSnapshot(
                "tpcc", Instant.parse("2026-11-23T11:00:00Z"), LOCAL, ConfigReader.readItems(TpccConfigsTest.TPCC));
        var file = dir.resolve("runtime/tpcc/exec-1.json");

        snapshot.write(file);
        var read = RuntimeSnapshot.read(file.toUri());

        assertThat(read).isEqualTo(snapshot);
        assertThat(RuntimeSnapshot.read(file.toString())).isEqualTo(snapshot);
        assertThat(read.configs().targetTableName("public.stock")).isEqualTo("tpcc_public_stock");
        assertThat(read.configs().database().targetDbName()).isEqualTo("tpcc_lake");
    }

    @Test
    void parsesTheDocumentedShape() {
        var json = """
                {"identifier":"tpcc","created_at":"2026-11-23T11:00:00Z",
                 "environment":{"bronze":"s3://b","silver":"s3://s","gold":"s3://g","artifacts":"s3://a",
                                "secrets":"aws-secretsmanager","catalog":"glue"},
                 "items":[]}
                """;

        var snapshot = RuntimeSnapshot.parse(json, "test");

        assertThat(snapshot.environment().stepsJar()).isEqualTo("s3://a/jars/emr-steps.jar");
        assertThat(snapshot.environment().snapshotUri("tpcc", "e1")).isEqualTo("s3://a/runtime/tpcc/e1.json");
        assertThat(snapshot.environment().catalog()).isEqualTo("glue");
    }

    @Test
    void rejectsMissingEnvironmentEntry() {
        assertThatThrownBy(() -> RuntimeSnapshot.parse("""
                {"identifier":"tpcc","created_at":"2026-11-23T11:00:00Z","environment":{"bronze":"s3://b"},"items":[]}
                """, "snap.json"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid runtime snapshot snap.json: silver is missing or not a string");
    }

    @Test
    void refusesS3UrisWithAPointerToParse() {
        assertThatThrownBy(() -> RuntimeSnapshot.read(URI.create("s3://a/runtime/tpcc/e1.json")))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining("Cannot read runtime snapshot s3://a/runtime/tpcc/e1.json")
                .hasMessageContaining("RuntimeSnapshot.parse(InputStream, String)");
    }
}
