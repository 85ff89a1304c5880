package dev.lakepipe.steps.spark;

import dev.lakepipe.LakepipeException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the log lines of Spark, Hudi and Hadoop to a file, for the commands whose stderr is a person's console
 * ({@code lakepipe sql}, {@code lakepipe tables describe}). The shared log4j2 configuration logs to System.err, so once
 * System.err is the file, only what the command captured before (its notes and errors) still reaches the console.
 * Call it before the first logger or SparkSession is created: the console appender binds System.err then.
 */
public final class SparkLog {

    private SparkLog() {}

    public static void sendTo(Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            System.setErr(new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to open the Spark log %s", log);
        }
    }
}
