package dev.lakepipe.steps.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {

    @TempDir
    Path home;

    @Test
    void readsTheRdsShapeAndNeverShowsThePassword() throws Exception {
        var file = home.resolve("secrets.json");
        Files.writeString(file, """
                {"db/spark": {"username":"spark","password":"s3cr3t","host":"h","port":"5432","dbname":"tpcc","engine":"postgres"}}""");

        var secret = SecretStore.forLocation(file.toUri().toString()).databaseSecret("db/spark");

        assertThat(secret.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/tpcc?sslmode=prefer");
        assertThat(secret.connectionProperties()).containsEntry("password", "s3cr3t");
        assertThat(secret.toString())
                .doesNotContain("s3cr3t")
                .isEqualTo("DatabaseSecret[spark@h:5432/tpcc, sslmode=prefer]");
    }

    @Test
    void namesTheMissingSecretAndField() throws Exception {
        var file = home.resolve("secrets.json");
        Files.writeString(
                file,
                "{\"db/spark\": {\"username\":\"spark\",\"password\":\"s3cr3t\",\"port\":5432,\"dbname\":\"tpcc\"}}");
        var store = new FileSecretStore(file);

        assertThatThrownBy(() -> store.databaseSecret("db/other"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot find secret db/other in " + file + "; add it or fix database::config.secret");
        assertThatThrownBy(() -> store.databaseSecret("db/spark"))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid secret db/spark: field 'host' is missing; add it to the secret");
    }

    @Test
    void aBrokenFileNeverQuotesItsText() throws Exception {
        var file = home.resolve("secrets.json");
        Files.writeString(file, "{\"db/spark\": {\"password\":\"s3cr3t\" oops");

        assertThatThrownBy(() -> new FileSecretStore(file).databaseSecret("db/spark"))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith("Invalid secrets file " + file + ": not valid JSON near line 1")
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();
    }
}
