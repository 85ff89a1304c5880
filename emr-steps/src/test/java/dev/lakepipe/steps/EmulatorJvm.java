package dev.lakepipe.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.tpcc.TpccSource;
import dev.lakepipe.util.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The DMS emulator in its own JVM, as on a DMS replication instance (Debezium brings Kafka Connect, which shares no
 * classpath with Spark): {@code DmsEmulatorMain} on dms-emulator's classes and runtime classpath, capturing the whole
 * {@code public} schema of a source into {@code <home>/s3/lakepipe-bronze/incremental/<db>/}. Start it before a full
 * load, so its slot holds every change after the load's snapshot.
 */
final class EmulatorJvm implements AutoCloseable {

    /** The test JVMs get dms-emulator's runtime classpath file (dms-emulator's build writes it) through this property. */
    static final String CLASSPATH_FILE_PROPERTY = "lakepipe.test.emulator-classpath-file";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path stateDirectory;
    private final File log;

    private EmulatorJvm(Process process, Path stateDirectory, File log) {
        this.process = process;
        this.stateDirectory = stateDirectory;
        this.log = log;
    }

    /** The classpath from {@link #CLASSPATH_FILE_PROPERTY}, or the bench's {@code -Dlakepipe.bench.emulatorClasspath}. */
    static String classpath() throws IOException {
        var bench = System.getProperty("lakepipe.bench.emulatorClasspath");
        if (bench != null) {
            return bench;
        }
        var file = Path.of(System.getProperty(CLASSPATH_FILE_PROPERTY, "../dms-emulator/target/runtime-classpath.txt"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No dms-emulator classpath at " + file.toAbsolutePath()
                    + "; build dms-emulator first (mvn -pl emr-steps -am verify builds it)");
        }
        return file.resolveSibling("classes").toAbsolutePath()
                + File.pathSeparator
                + Files.readString(file).strip();
    }

    /** Starts the emulator and waits until it captures; files every {@code batchInterval}. */
    static EmulatorJvm start(Path home, TpccSource source, String classpath, Duration batchInterval)
            throws IOException, InterruptedException {
        var stateDirectory = home.resolve("cdc");
        var options = Json.MAPPER
                .createObjectNode()
                .put("secretsFile", source.secretsFile().toAbsolutePath().toString())
                .put("secretName", SecretsFile.DMS_SECRET)
                .put("bronzeRoot", home.resolve("s3/lakepipe-bronze").toString())
                .put("stateDirectory", stateDirectory.toString())
                .put("database", source.database())
                .put("cdcMaxBatchIntervalSeconds", batchInterval.toSeconds())
                .put("cdcMinFileSizeKb", DmsS3Settings.DEFAULT_CDC_MIN_FILE_SIZE_KB)
                .put("publication", source.publication());
        var optionsFile = home.resolve("emulator.json");
        Files.writeString(optionsFile, options.toString());
        var log = home.resolve("emulator.log").toFile();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        java,
                        "-Xmx1g",
                        "-XX:TieredStopAtLevel=1",
                        "-Dlog4j.configurationFile=" + System.getProperty("log4j.configurationFile", ""),
                        "-cp",
                        classpath,
                        "dev.lakepipe.dms.emulator.DmsEmulatorMain",
                        optionsFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        var emulator = new EmulatorJvm(process, stateDirectory, log);
        var deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log.toPath()).contains("DMS emulator running")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                emulator.close();
                throw new IllegalStateException("The DMS emulator did not start; see " + log);
            }
            Thread.sleep(200);
        }
        return emulator;
    }

    /** Waits until a published file of {@code table} holds a change committed at or after {@code committed}. */
    void awaitPublished(String table, Instant committed, Duration timeout) throws IOException, InterruptedException {
        await(table, committed, false, timeout);
    }

    /**
     * Waits until the emulator has published every change of {@code table} committed up to {@code committed}: a
     * published change at or after that time and no row waiting for the next file. Changes arrive in commit order, so
     * everything before is in files too.
     */
    void awaitDrained(String table, Instant committed, Duration timeout) throws IOException, InterruptedException {
        await(table, committed, true, timeout);
    }

    private void await(String table, Instant committed, boolean drained, Duration timeout)
            throws IOException, InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (!published(table, committed, drained)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The DMS emulator did not publish the changes of " + table
                        + " committed up to " + committed + " within " + timeout + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    private boolean published(String table, Instant committed, boolean drained) throws IOException {
        var status = stateDirectory.resolve("status.json");
        if (!Files.isRegularFile(status)) {
            return false;
        }
        JsonNode tables;
        try {
            tables = Json.MAPPER.readTree(status.toFile()).path("tables");
        } catch (IOException e) {
            return false; // replaced while read; the next poll reads the new one
        }
        for (var entry : tables) {
            if (entry.path("table").asText().equals(table)) {
                var last = Optional.ofNullable(
                                entry.path("lastChangeCommitTime").textValue())
                        .map(Instant::parse);
                return (!drained || entry.path("pendingRows").asLong() == 0)
                        && last.filter(time -> !time.isBefore(committed)).isPresent();
            }
        }
        return false;
    }

    /** Stops the emulator (SIGTERM: it publishes what it holds and ends). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
