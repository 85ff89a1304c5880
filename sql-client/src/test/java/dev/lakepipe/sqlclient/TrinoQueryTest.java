package dev.lakepipe.sqlclient;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The protocol on a real Trino server: local CdcEndToEndIT; here what needs none. */
class TrinoQueryTest {

    @Test
    void saysWhatToDoWhenNoServerAnswers() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var session = TrinoSession.local(port, Optional.empty(), Path.of("/lake/trino/data/var/log/server.log"));

        assertThatThrownBy(() -> TrinoQuery.submit(session, "select 1"))
                .isInstanceOf(SqlClientException.class)
                .hasMessageStartingWith("Trino at http://127.0.0.1:" + port + " stopped answering:")
                .hasMessageEndingWith("; run the command again: lakepipe sql starts a new server if this one has"
                        + " stopped (the server's log: /lake/trino/data/var/log/server.log)");
    }
}
