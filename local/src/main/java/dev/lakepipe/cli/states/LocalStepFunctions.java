package dev.lakepipe.cli.states;

import dev.lakepipe.asl.CannedResults;
import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.asl.TaskIntegrations;
import dev.lakepipe.local.runtime.LocalIntegrations;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the local Step Functions engine: canned results first (they win), then the local integrations
 * ({@link LocalIntegrations}); histories under {@code $LAKEPIPE_HOME/executions}.
 */
public final class LocalStepFunctions {

    public static final String EXECUTIONS_FOLDER = "executions";

    private LocalStepFunctions() {}

    public static StepFunctions create(Path lakepipeHome, Map<String, Path> cannedResults) {
        var integrations = new TaskIntegrations();
        if (!cannedResults.isEmpty()) {
            integrations.register(CannedResults.fromFiles(cannedResults));
        }
        StepFunctions engine = StepFunctions.builder()
                .integrations(integrations)
                .executionsDirectory(lakepipeHome.resolve(EXECUTIONS_FOLDER))
                .build();
        LocalIntegrations.registerForStatesRun(engine, lakepipeHome);
        return engine;
    }

    /** {@code $LAKEPIPE_HOME}, default {@code .lakepipe} in the working directory. */
    public static Path defaultHome() {
        String home = System.getenv("LAKEPIPE_HOME");
        return Path.of(home == null || home.isBlank() ? ".lakepipe" : home);
    }
}
