package dev.lakepipe.cli.cdc;

import dev.lakepipe.deploy.LakeBucket;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} option every cdc command shares, and the folders under it. */
public final class CdcHome {
    @Option(
            names = "--home",
            paramLabel = "DIR",
            defaultValue = "${env:LAKEPIPE_HOME:-.lakepipe}",
            description = "Local state folder (default: $LAKEPIPE_HOME or .lakepipe).")
    Path home;

    /** {@code <home>/cdc}: offsets, status, pid and lock of the emulator. */
    Path stateDirectory() {
        return home.resolve("cdc");
    }

    Path secretsFile() {
        return home.resolve("secrets.json");
    }

    /** The local bronze bucket. */
    Path bronzeRoot() {
        return home.resolve("s3").resolve(LakeBucket.BRONZE.localName());
    }
}
