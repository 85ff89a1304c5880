package dev.lakepipe.local.lambda;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.launcher.LauncherHandler;
import dev.lakepipe.launcher.PipelineLauncher;
import dev.lakepipe.util.Json;
import java.util.Map;

/**
 * The launcher Lambda, in-process. The state machine that invokes it is loaded before the launcher that starts that
 * machine's executions exists, so the launcher is bound once both are built; an invocation before that is refused.
 */
public final class LauncherFunction implements LocalFunction {

    private volatile PipelineLauncher launcher;

    public void bind(PipelineLauncher launcher) {
        this.launcher = requireNonNull(launcher, "launcher is null");
    }

    @Override
    public JsonNode handle(JsonNode event) {
        var bound = launcher;
        if (bound == null) {
            throw new LakepipeException("Cannot invoke the launcher: the local runtime is still being built");
        }
        Map<String, Object> payload = Json.MAPPER.convertValue(event, new TypeReference<Map<String, Object>>() {});
        return Json.MAPPER.valueToTree(new LauncherHandler(bound).handle(payload));
    }
}
