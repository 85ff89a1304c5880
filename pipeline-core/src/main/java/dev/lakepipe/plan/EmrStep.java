package dev.lakepipe.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One EMR step: {@code command-runner.jar} running {@code args} (which start with {@code spark-submit}).
 */
public record EmrStep(String name, ActionOnFailure actionOnFailure, List<String> args) {

    public static final String COMMAND_RUNNER = "command-runner.jar";
    /** EMR refuses a longer step name (AddJobFlowSteps, StepConfig.Name). */
    public static final int MAX_NAME_LENGTH = 256;

    public EmrStep {
        requireNonNull(name, "name is null");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("an EMR step name has 1 to %d characters, got %d: %s"
                    .formatted(MAX_NAME_LENGTH, name.length(), name));
        }
        requireNonNull(actionOnFailure, "actionOnFailure is null");
        args = List.copyOf(args);
    }

    /** The step as the state machine's execution input lists it: {@code {"name", "args"}} (docs/orchestration.md). */
    public ObjectNode toExecutionInputJson() {
        var step = JsonNodeFactory.instance.objectNode();
        step.put("name", name);
        var argsNode = step.putArray("args");
        args.forEach(argsNode::add);
        return step;
    }

    /** The step in EMR AddJobFlowSteps / the state machine's shape: {@code {Name, ActionOnFailure, HadoopJarStep{Jar, Args}}}. */
    public ObjectNode toAddStepJson() {
        var step = JsonNodeFactory.instance.objectNode();
        step.put("Name", name);
        step.put("ActionOnFailure", actionOnFailure.name());
        var jarStep = step.putObject("HadoopJarStep");
        jarStep.put("Jar", COMMAND_RUNNER);
        var argsNode = jarStep.putArray("Args");
        args.forEach(argsNode::add);
        return step;
    }
}
