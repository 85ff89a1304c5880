package dev.lakepipe.tpcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.secrets.DatabaseSecret;
import dev.lakepipe.source.EmbeddedPostgresServer;
import dev.lakepipe.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume, attach and stop of the embedded server of one home, schema only (no data: fast). */
class TpccSourceLifecycleIT {

    @TempDir
    Path home;

    @Test
    void resumesOnTheSamePortWithTheSameSecretsAndAttachesToARunningServer() throws Exception {
        int port;
        DatabaseSecret spark;
        try (var first = TpccSource.builder().home(home).durable(false).build()) {
            assertThat(first.ownsServer()).isTrue();
            assertThat(first.generation()).isEmpty();
            port = first.port();
            spark = first.sparkSecret();
            try (var connection = first.adminConnection();
                    var statement = connection.createStatement()) {
                statement.execute("INSERT INTO item VALUES (1, 1, 'kept', 1.00, 'across restarts')");
            }
            try (var attached = TpccSource.builder().home(home).build()) {
                assertThat(attached.ownsServer()).isFalse();
                assertThat(attached.port()).isEqualTo(port);
                assertThat(attached.sparkSecret()).isEqualTo(spark);
            }
            var otherHome = home.resolve("other");
            try (var existing = TpccSource.builder()
                            .home(otherHome)
                            .sourceUrl("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres")
                            .build();
                    var connection = existing.connect(existing.dmsSecret())) {
                assertThat(existing.ownsServer()).isFalse();
                assertThat(existing.dataDirectory()).isEmpty();
                assertThat(existing.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/tpcc");
                assertThat(existing.secretsFile()).isEqualTo(otherHome.resolve("secrets.json"));
                assertThat(TpccSchema.rowCount(connection, TpccTable.ITEM)).isEqualTo(1L);
            }
            assertThatThrownBy(() -> TpccSource.builder()
                            .home(otherHome)
                            .sourceUrl("postgres://localhost/x?password=hidden")
                            .build())
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith(
                            "Invalid source URL: postgres://localhost/x?… (expected jdbc:postgresql://");
            assertThat(EmbeddedPostgresServer.isRunning(home.resolve("postgres")))
                    .isTrue();
        }
        assertThat(EmbeddedPostgresServer.isRunning(home.resolve("postgres"))).isFalse();
        assertThat(Files.readString(home.resolve("postgres.port")).trim()).isEqualTo(Integer.toString(port));

        try (var resumed = TpccSource.builder().home(home).durable(false).build();
                var connection = resumed.connect(spark)) {
            assertThat(resumed.port()).isEqualTo(port);
            assertThat(TpccSchema.rowCount(connection, TpccTable.ITEM)).isEqualTo(1L);
            assertThatThrownBy(() ->
                            TpccWorkload.builder().maxTransactions(1).build().run(resumed.connector()))
                    .isInstanceOf(SourceException.class)
                    .hasMessage("Cannot run the TPC-C workload: the database has no data;"
                            + " generate it first (lakepipe source generate --warehouses N)");
            assertThat(EmbeddedPostgresServer.stopRunning(home.resolve("postgres"), Duration.ofSeconds(30)))
                    .isTrue();
            assertThat(EmbeddedPostgresServer.isRunning(home.resolve("postgres")))
                    .isFalse();
        }
        assertThat(EmbeddedPostgresServer.stopRunning(home.resolve("postgres"), Duration.ofSeconds(1)))
                .isFalse();
    }
}
