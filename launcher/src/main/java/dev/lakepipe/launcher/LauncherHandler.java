package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The launcher Lambda: {@code dev.lakepipe.launcher.LauncherHandler::handleRequest}. The event is a
 * {@link LaunchRequest} ({@code {"identifier", "pipeline"[, "triggered_by"][, "tables"]}}, from an EventBridge rule,
 * the state machine's next_pipeline call or an operator's reload); the response is {@link LaunchResult#toPayload()}. A refusal or
 * failure is published to the ops topic and thrown, so the invocation fails with the message.
 */
public final class LauncherHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final PipelineLauncher launcher;

    /** Lambda's constructor: settings from the environment, clients from the default chains. */
    public LauncherHandler() {
        this(LauncherFactory.onAws(LauncherAwsClients.defaults(), LauncherSettings.fromEnvironment(System.getenv())));
    }

    public LauncherHandler(PipelineLauncher launcher) {
        this.launcher = requireNonNull(launcher, "launcher is null");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return handle(event);
    }

    /** The same as {@link #handleRequest} without a Lambda context (the local lambda:invoke integration). */
    public Map<String, Object> handle(Map<String, ?> event) {
        return launcher.launch(LaunchRequest.fromEvent(event)).toPayload();
    }
}
