package dev.lakepipe.cli.source;

import dev.lakepipe.tpcc.TpccSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the source is: the embedded server of a home folder, or an existing server by URL. */
final class SourceOptions {

    @Option(
            names = "--home",
            defaultValue = "${env:LAKEPIPE_HOME:-.lakepipe}",
            description =
                    "Local state folder (default: $LAKEPIPE_HOME or .lakepipe); PostgreSQL data in <home>/postgres,"
                            + " secrets in <home>/secrets.json.")
    Path home;

    @Option(
            names = "--source-url",
            description = "Use this existing PostgreSQL instead of the embedded one:"
                    + " jdbc:postgresql://host:port/db?user=..&password=.. of a role with CREATEDB and CREATEROLE.")
    String sourceUrl;

    @Option(
            names = "--port",
            defaultValue = "0",
            converter = Counts.Port.class,
            description = "Port of the embedded server (default: the port it used last time, else any free port).")
    int port;

    @Option(
            names = "--fsync",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "fsync of the embedded server (default on). --no-fsync loads faster; only a machine crash"
                    + " (not a process crash) can then corrupt the data directory.")
    boolean fsync;

    Path dataDirectory() {
        return home.resolve("postgres");
    }

    TpccSource.Builder builder() {
        return TpccSource.builder().home(home).sourceUrl(sourceUrl).port(port).durable(fsync);
    }
}
