package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.config.EmrConfig;
import dev.lakepipe.config.PipelineConfig;
import dev.lakepipe.plan.EmrStep;
import dev.lakepipe.util.Json;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline state machine's execution input (the contract with {@code state-machines/pipeline.asl.json},
 * documented in docs/orchestration.md): what to run, on which cluster, and what follows. {@code source_check}, present
 * for jdbc_load, is the step that runs before {@code steps}. {@code tables} is the launch's
 * table list, null in the input when the run is for every table; the state machine hands it to the next pipeline.
 */
public record ExecutionInput(
        String identifier,
        PipelineConfig pipeline,
        String executionName,
        String runtimeConfig,
        Optional<EmrStep> sourceCheck,
        List<EmrStep> steps,
        List<String> tables) {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    public ExecutionInput {
        requireNonNull(identifier, "identifier is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(executionName, "executionName is null");
        requireNonNull(runtimeConfig, "runtimeConfig is null");
        requireNonNull(sourceCheck, "sourceCheck is null");
        steps = List.copyOf(steps);
        tables = List.copyOf(tables);
    }

    public ObjectNode toJsonNode() {
        ObjectNode input = MAPPER.createObjectNode();
        input.put("identifier", identifier);
        input.put("pipeline", pipeline.name());
        input.put("pipeline_type", pipeline.type().configName());
        input.put("execution_name", executionName);
        input.put("runtime_config", runtimeConfig);
        input.set("emr", emr(pipeline.emrConfig()));
        if (tables.isEmpty()) {
            input.putNull(LaunchRequest.TABLES);
        } else {
            tables.forEach(input.putArray(LaunchRequest.TABLES)::add);
        }
        sourceCheck.ifPresent(step -> input.set("source_check", step.toAddStepJson()));
        var stepArray = input.putArray("steps");
        steps.forEach(step -> stepArray.add(step.toAddStepJson()));
        ObjectNode next = input.putObject("next_pipeline");
        pipeline.nextPipeline()
                .ifPresentOrElse(
                        link -> next.put("pipeline_type", link.pipelineName()).put("enabled", link.enabled()),
                        () -> next.put("enabled", false));
        return input;
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    private static ObjectNode emr(EmrConfig emr) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("release_label", emr.releaseLabel());
        node.put("master_instance_type", emr.master().instanceType());
        node.put("master_count", emr.master().count());
        node.put("worker_instance_type", emr.worker().instanceType());
        node.put("worker_count", emr.worker().count());
        node.put("step_parallelism", emr.stepParallelism());
        // EMR configuration properties are strings.
        node.put("maximize_resource_allocation", Boolean.toString(emr.maximizeResourceAllocation()));
        return node;
    }
}
