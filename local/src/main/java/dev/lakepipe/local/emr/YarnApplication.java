package dev.lakepipe.local.emr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cluster-mode step as YARN runs it on an EMR node. The driver runs in the ApplicationMaster's container, so its
 * output is the container's log, which EMR archives under {@code <LogUri><cluster id>/containers/<application>/
 * <container>/{stdout,stderr}}; the step's own {@code stdout}/{@code stderr} hold what spark-submit prints: the
 * application's final report and, when it failed, the ApplicationMaster's diagnostics and spark-submit's
 * {@code SparkException}. Those diagnostics are all EMR can find the step's failure in: for a
 * {@code SparkUserAppException} only "User application exited with status N", for any other exception the exception
 * and its stack trace (Spark 3.5's ApplicationMaster).
 */
final class YarnApplication {

    /** Spark's {@code SparkSubmitDriver.DIAGNOSTICS_FILE_PROPERTY}: where the driver writes the AM's diagnostics. */
    static final String DIAGNOSTICS_FILE_PROPERTY = "lakepipe.yarn.diagnostics-file";

    private static final String USER_CLASS_THREW = "User class threw exception: ";

    private final String id;
    private final Path container;
    private final Path diagnosticsFile;

    private YarnApplication(String id, Path container, Path diagnosticsFile) {
        this.id = requireNonNull(id, "id is null");
        this.container = requireNonNull(container, "container is null");
        this.diagnosticsFile = requireNonNull(diagnosticsFile, "diagnosticsFile is null");
    }

    /**
     * A new application of the resource manager started at {@code clusterTimestamp}, its {@code sequence}th, logging
     * into the cluster's {@code logs}.
     */
    static YarnApplication submit(EmrLogs logs, long clusterTimestamp, int sequence) throws IOException {
        var suffix = "%d_%04d".formatted(clusterTimestamp, sequence);
        var id = "application_" + suffix;
        var container = logs.application(id).resolve("container_" + suffix + "_01_000001");
        Files.createDirectories(container);
        return new YarnApplication(id, container, Files.createTempFile("lakepipe-" + id, ".diagnostics"));
    }

    Path driverStdout() {
        return container.resolve("stdout");
    }

    Path driverStderr() {
        return container.resolve("stderr");
    }

    /** The command as the ApplicationMaster runs it: its driver reports the final diagnostics to this application. */
    SparkSubmitCommand driver(SparkSubmitCommand command) {
        return command.withConf(Map.of(DIAGNOSTICS_FILE_PROPERTY, diagnosticsFile.toString()));
    }

    /**
     * Writes what spark-submit prints for the finished application into the step's logs and returns the AM's
     * diagnostics (empty when it succeeded or said nothing).
     */
    String finish(int exitCode, Path stepStdout, Path stepStderr) throws IOException {
        var diagnostics = Files.readString(diagnosticsFile, UTF_8);
        Files.deleteIfExists(diagnosticsFile);
        var status = exitCode == 0 ? "SUCCEEDED" : "FAILED";
        var report = new StringBuilder()
                .append(EmrLogs.SUBMITTED)
                .append(id)
                .append('\n')
                .append("INFO Client: Application report for ")
                .append(id)
                .append(" (state: FINISHED)\n")
                .append("\t diagnostics: ")
                .append(diagnostics.isEmpty() ? "N/A" : diagnostics)
                .append('\n')
                .append("\t final status: ")
                .append(status)
                .append('\n');
        if (exitCode != 0) {
            report.append("ERROR Client: Application diagnostics message: ")
                    .append(diagnostics)
                    .append('\n')
                    .append("Exception in thread \"main\" org.apache.spark.SparkException: Application ")
                    .append(id)
                    .append(" finished with failed status\n");
        }
        Files.writeString(stepStdout, "", UTF_8);
        Files.writeString(stepStderr, report, UTF_8);
        return diagnostics;
    }

    /** The exception the diagnostics name ({@code User class threw exception: <exception>}), without its stack trace. */
    static Optional<String> thrown(String diagnostics) {
        if (!diagnostics.startsWith(USER_CLASS_THREW)) {
            return Optional.empty();
        }
        return Optional.of(diagnostics
                .substring(USER_CLASS_THREW.length())
                .lines()
                .takeWhile(line -> !line.startsWith("\tat "))
                .collect(Collectors.joining("\n")));
    }

    /** Removes the diagnostics file of an application that did not finish (its step JVM could not start). */
    void abandon() {
        try {
            Files.deleteIfExists(diagnosticsFile);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to delete %s", diagnosticsFile);
        }
    }
}
