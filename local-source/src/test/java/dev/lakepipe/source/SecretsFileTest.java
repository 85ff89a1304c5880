package dev.lakepipe.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.secrets.DatabaseSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {

    private static final DatabaseSecret SPARK =
            new DatabaseSecret("lakepipe_spark", "s3cretPassw0rdValue", "localhost", 5432, "tpcc", null, "disable");

    @TempDir
    Path directory;

    @Test
    void writesOwnerOnlyJsonAndKeepsOtherSecrets() throws Exception {
        var file = new SecretsFile(directory.resolve("home/secrets.json"));
        file.write(Map.of("other/secret", SPARK));
        file.write(Map.of(SecretsFile.SPARK_SECRET, SPARK));

        assertThat(file.readAll()).containsOnlyKeys("other/secret", SecretsFile.SPARK_SECRET);
        assertThat(file.read(SecretsFile.SPARK_SECRET)).contains(SPARK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file.path()))
                .contains(
                        "\"engine\" : \"postgres\"",
                        "\"sslmode\" : \"disable\"",
                        "\"dbname\" : \"tpcc\"",
                        "\"port\" : 5432");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(SPARK.toString()).doesNotContain("s3cretPassw0rdValue");
        assertThat(SPARK.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/tpcc?sslmode=disable");
    }

    @Test
    void namesTheFileWhenItIsNotJsonWithoutQuotingIt() throws Exception {
        var path = directory.resolve("secrets.json");
        Files.writeString(path, "{\"x\": {\"password\": \"s3cretPassw0rdValue\" not json");
        assertThatThrownBy(() -> new SecretsFile(path).readAll())
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid secrets file " + path + ": not valid JSON near line 1; fix or re-create it")
                .hasNoCause();
    }

    @Test
    void defaultsEngineAndSslModeAsAnRdsSecretWithoutThemReads() {
        var secret = new DatabaseSecret("u", "p", "h", 5432, "d", null, " ");
        assertThat(secret.engine()).isEqualTo("postgres");
        assertThat(secret.sslmode()).isEqualTo("prefer");
    }

    @Test
    void namesTheSecretAndTheMissingField() throws Exception {
        var path = directory.resolve("secrets.json");
        Files.writeString(
                path,
                "{\"tpcc/rdbms/rds/primary/spark\": {\"username\": \"u\", \"password\": \"s3cretPassw0rdValue\", \"port\": 5432}}");
        assertThatThrownBy(() -> new SecretsFile(path).readAll())
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid secret tpcc/rdbms/rds/primary/spark: field 'host' is missing; add it to the secret");
        assertThat(new SecretsFile(directory.resolve("none.json")).readAll()).isEmpty();
    }

    @Test
    void rejectsAnInvalidPort() {
        assertThatThrownBy(() -> new DatabaseSecret("u", "p", "h", 0, "d", null, null))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid port in database secret for h: 0; expected 1-65535");
    }
}
