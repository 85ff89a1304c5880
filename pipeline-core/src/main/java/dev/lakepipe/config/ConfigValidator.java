package dev.lakepipe.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates stored config items: each item on its own (fields, types, unknown fields), then each identifier's
 * items together (one database::config, links between pipelines, custom steps belong to a custom pipeline).
 * Reports every problem at once.
 */
public final class ConfigValidator {

    private ConfigValidator() {}

    /** Validates items as stored (plain JSON or DynamoDB's strings-for-numbers). */
    public static ValidationReport validate(List<JsonNode> storedItems) {
        var problems = new ArrayList<ConfigProblem>();
        var parser = new ItemParser(problems);
        var items = new ArrayList<ConfigItem>();
        var seen = new HashSet<String>();
        for (var index = 0; index < storedItems.size(); index++) {
            parser.parse(index, storedItems.get(index)).ifPresent(item -> {
                if (seen.add(item.identifier() + "\u0000" + item.key())) {
                    items.add(item);
                } else {
                    problems.add(new ConfigProblem(
                            item.key(),
                            "",
                            "appears twice for identifier " + item.identifier() + "; keep one item per config key"));
                }
            });
        }
        var byIdentifier = new LinkedHashMap<String, List<ConfigItem>>();
        items.forEach(item -> byIdentifier
                .computeIfAbsent(item.identifier(), ignored -> new ArrayList<>())
                .add(item));
        byIdentifier.forEach((identifier, group) -> checkGroup(identifier, group, problems));
        if (storedItems.isEmpty()) {
            problems.add(new ConfigProblem("(input)", "", "holds no items; expected a JSON array of config items"));
        }
        return new ValidationReport(items, problems);
    }

    private static void checkGroup(String identifier, List<ConfigItem> items, List<ConfigProblem> problems) {
        if (items.stream().noneMatch(DatabaseConfig.class::isInstance)) {
            problems.add(new ConfigProblem(
                    ConfigItem.DATABASE_KEY,
                    "",
                    "is missing for identifier " + identifier
                            + "; add an item with secret, target_db_name and target_table_prefix"));
        }
        var pipelines = new TreeSet<String>();
        var customPipelines = new TreeSet<String>();
        items.stream()
                .filter(PipelineConfig.class::isInstance)
                .map(PipelineConfig.class::cast)
                .forEach(pipeline -> {
                    pipelines.add(pipeline.name());
                    if (pipeline.isCustom()) {
                        customPipelines.add(pipeline.name());
                    }
                });
        var pipelinesWithSteps = new HashSet<String>();
        for (var item : items) {
            if (item instanceof PipelineConfig pipeline) {
                checkLinks(pipeline, pipelines, problems);
                checkCustomStepConcurrency(pipeline, problems);
            } else if (item instanceof CustomStepConfig step) {
                pipelinesWithSteps.add(step.pipelineName());
                if (!customPipelines.contains(step.pipelineName())) {
                    problems.add(new ConfigProblem(
                            step.key(),
                            "",
                            "belongs to no custom pipeline; add pipeline::custom::" + step.pipelineName()
                                    + suggestion(step.pipelineName(), customPipelines)));
                }
            }
        }
        checkChainEnds(items, problems);
        checkStepGroups(items, problems);
        customPipelines.stream()
                .filter(name -> !pipelinesWithSteps.contains(name))
                .forEach(name -> problems.add(new ConfigProblem(
                        ConfigItem.CUSTOM_PIPELINE_PREFIX + name,
                        "",
                        "has no steps; add at least one" + " step::" + name + "::<step> item")));
    }

    private static void checkLinks(PipelineConfig pipeline, Set<String> pipelines, List<ConfigProblem> problems) {
        pipeline.nextPipeline().ifPresent(next -> {
            if (next.pipelineName().equals(pipeline.name())) {
                problems.add(new ConfigProblem(
                        pipeline.key(),
                        "next_pipeline.pipeline_type",
                        "names this pipeline itself;" + " a pipeline cannot follow itself"));
            } else if (!next.pipelineName().isEmpty() && !pipelines.contains(next.pipelineName())) {
                problems.add(new ConfigProblem(
                        pipeline.key(),
                        "next_pipeline.pipeline_type",
                        "names '" + next.pipelineName() + "', which is not configured"
                                + suggestion(next.pipelineName(), pipelines)));
            }
        });
        for (var name : pipeline.allowedConcurrent()) {
            if (!PipelineType.fromSystemName(name).isPresent() && !pipelines.contains(name)) {
                problems.add(new ConfigProblem(
                        pipeline.key(),
                        "allowed_concurrent",
                        "names '" + name + "', which is not a pipeline" + suggestion(name, allNames(pipelines))));
            }
        }
    }

    /**
     * Followed links (next_pipeline, enabled) must end: in a loop every run starts the next one, each on a new EMR
     * cluster, forever. A link to itself is reported by {@link #checkLinks}.
     */
    private static void checkChainEnds(List<ConfigItem> items, List<ConfigProblem> problems) {
        var next = new LinkedHashMap<String, PipelineConfig>();
        items.stream()
                .filter(PipelineConfig.class::isInstance)
                .map(PipelineConfig.class::cast)
                .forEach(pipeline -> next.put(pipeline.name(), pipeline));
        var reported = new HashSet<String>();
        for (var start : next.keySet()) {
            var path = new ArrayList<String>();
            var current = start;
            while (current != null && !path.contains(current)) {
                path.add(current);
                current = followed(next.get(current)).orElse(null);
            }
            if (current != null
                    && current.equals(start)
                    && path.size() > 1
                    && path.stream().noneMatch(reported::contains)) {
                reported.addAll(path);
                path.add(start);
                problems.add(
                        new ConfigProblem(
                                next.get(path.get(path.size() - 2)).key(),
                                "next_pipeline.pipeline_type",
                                "closes the loop " + String.join(" -> ", path)
                                        + ": every run would start the next one, each on a new EMR"
                                        + " cluster, without end; remove one of these links or set its next_pipeline.enabled to false"));
            }
        }
    }

    /** The tables of a step group share one Spark application, so their spark_conf must agree (see {@link StepGroup}). */
    private static void checkStepGroups(List<ConfigItem> items, List<ConfigProblem> problems) {
        var enabled = items.stream()
                .filter(SystemStepConfig.class::isInstance)
                .map(SystemStepConfig.class::cast)
                .filter(SystemStepConfig::enabled)
                .sorted(Comparator.comparing(SystemStepConfig::table))
                .toList();
        for (var group : StepGroup.of(enabled)) {
            for (var type : PipelineType.systemTypes()) {
                group.conflicts(type)
                        .forEach(conflict -> problems.add(new ConfigProblem(
                                conflict.second().key(),
                                StepGroup.field(conflict, type),
                                StepGroup.describe(conflict))));
            }
        }
    }

    private static Optional<String> followed(PipelineConfig pipeline) {
        return pipeline == null
                ? Optional.empty()
                : pipeline.nextPipeline()
                        .filter(NextPipeline::enabled)
                        .map(NextPipeline::pipelineName)
                        .filter(name -> !name.isEmpty());
    }

    /**
     * A custom pipeline's steps run with ActionOnFailure CANCEL_AND_WAIT (a failed step cancels the ones after it), and
     * EMR's AddJobFlowSteps refuses CANCEL_AND_WAIT on a cluster whose StepConcurrencyLevel is above 1.
     */
    private static void checkCustomStepConcurrency(PipelineConfig pipeline, List<ConfigProblem> problems) {
        var parallelism = pipeline.emrConfig().stepParallelism();
        if (pipeline.isCustom() && parallelism > 1) {
            problems.add(
                    new ConfigProblem(
                            pipeline.key(),
                            "emr_config.step_parallelism",
                            "is " + parallelism + ", but the steps of"
                                    + " custom pipeline " + pipeline.name()
                                    + " run in order with ActionOnFailure CANCEL_AND_WAIT, which EMR refuses"
                                    + " when the cluster's StepConcurrencyLevel is above 1; set step_parallelism to 1 (or remove it)"));
        }
    }

    private static Set<String> allNames(Set<String> pipelines) {
        var names = new TreeSet<>(pipelines);
        names.addAll(PipelineType.systemNames());
        return names;
    }

    private static String suggestion(String value, Set<String> candidates) {
        return candidates.isEmpty() ? "" : Suggestions.didYouMean(value, candidates);
    }
}
