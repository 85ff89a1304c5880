package dev.lakepipe.cli;

import dev.lakepipe.sqlclient.StateFolder;
import java.nio.file.Path;
import java.time.Instant;

/** The local state folder: {@code $LAKEPIPE_HOME}, else {@code .lakepipe} in the working directory. */
public final class LakepipeHome {

    /** The state folder when neither {@code lakepipe.home} nor {@code LAKEPIPE_HOME} is set, in the working directory. */
    public static final String DEFAULT = StateFolder.DEFAULT;

    private LakepipeHome() {}

    public static Path resolve() {
        return StateFolder.resolve();
    }

    /**
     * {@code <home>/s3/lakepipe-logs/local/<command>-<millis>/spark.log}: where the Spark JVM of a console command
     * ({@code sql}, {@code tables describe}) writes Spark's own log lines, keeping the console to the command's output.
     */
    public static Path sparkLog(Path home, String command, Instant now) {
        return home.resolve("s3/lakepipe-logs/local/" + command + "-" + now.toEpochMilli() + "/spark.log")
                .toAbsolutePath();
    }
}
