package dev.lakepipe.cli;

import java.nio.file.Path;

/** The local state folder: {@code $LAKEPIPE_HOME}, else {@code .lakepipe} in the working directory. */
final class LakepipeHome {

    private LakepipeHome() {}

    static Path resolve() {
        var property = System.getProperty("lakepipe.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        var environment = System.getenv("LAKEPIPE_HOME");
        return Path.of(environment == null || environment.isBlank() ? ".lakepipe" : environment);
    }
}
