package dev.lakepipe.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.CustomStepConfig;
import dev.lakepipe.config.PipelineConfig;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.StepEngine;
import dev.lakepipe.config.StepGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns (configs, pipeline, context) into the ordered EMR steps of one pipeline run. Pure: no I/O.
 *
 * <p>Each step runs {@code spark-submit --deploy-mode cluster [--jars ...] [--conf k=v ...] --class <main> <jar>
 * --config <snapshot> <step args>}; system pipelines get one step per enabled table, ordered by table name, except
 * that the tables of one {@code step_group} share one step with a {@code --table} each ({@link StepGroup}); custom pipelines one per enabled step, ordered by step name. Every step but jdbc_load reads or writes Hudi
 * tables and gets {@link HudiOnEmr}'s options; jdbc_load writes plain parquet and runs without Hudi.
 */
public final class StepPlanner {

    public static final String JDBC_LOAD_CLASS = "dev.lakepipe.steps.JdbcLoadStep";
    public static final String SEED_HUDI_CLASS = "dev.lakepipe.steps.SeedHudiStep";
    public static final String HUDI_APPLY_CLASS = "dev.lakepipe.steps.HudiApplyStep";
    public static final String VERIFY_CLASS = "dev.lakepipe.steps.VerifyStep";
    public static final String SOURCE_CHECK_CLASS = "dev.lakepipe.steps.SourceCheckStep";
    /** How many times YARN runs a step's application ({@link #clusterSubmit}). */
    public static final String MAX_APP_ATTEMPTS = "spark.yarn.maxAppAttempts";

    private StepPlanner() {}

    public static List<EmrStep> plan(PipelineConfigs configs, PipelineType systemType, PlanContext context) {
        if (!systemType.isSystem()) {
            throw new LakepipeException(
                    "Cannot plan pipeline type custom for %s: name the custom pipeline instead", configs.identifier());
        }
        return plan(configs, systemType.configName(), context);
    }

    /** The steps of the pipeline with this name: a system type ({@code jdbc_load}) or a custom pipeline's name. */
    public static List<EmrStep> plan(PipelineConfigs configs, String pipelineName, PlanContext context) {
        var pipeline = configs.pipeline(pipelineName)
                .orElseThrow(() -> new LakepipeException(
                        "Cannot plan pipeline %s for %s: no such pipeline item; configured: %s",
                        pipelineName,
                        configs.identifier(),
                        configs.pipelines().stream().map(PipelineConfig::name).toList()));
        return pipeline.isCustom()
                ? planCustom(configs, pipeline, context)
                : planSystem(configs, pipeline.type(), context);
    }

    /**
     * Whether planning this pipeline needs {@link PlanContext#sourceDatabase()}: a Hudi apply pipeline with a
     * step on {@code engine: deltastreamer}, whose command names the DMS folder {@code incremental/<source db>}.
     */
    public static boolean needsSourceDatabase(PipelineConfigs configs, String pipelineName) {
        var pipeline = configs.pipeline(pipelineName);
        return pipeline.isPresent()
                && !pipeline.get().isCustom()
                && modeOf(pipeline.get().type()).isPresent()
                && configs.enabledSystemSteps().stream().anyMatch(step -> step.engine() == StepEngine.DELTASTREAMER);
    }

    private static List<EmrStep> planSystem(PipelineConfigs configs, PipelineType type, PlanContext context) {
        var steps = new ArrayList<EmrStep>();
        for (var group : StepGroup.of(configs.enabledSystemSteps())) {
            var step = group.first();
            var args = step.engine() == StepEngine.DELTASTREAMER && modeOf(type).isPresent()
                    ? DeltaStreamerCommand.args(configs, step, type, context)
                    : systemStepArgs(group, type, context);
            steps.add(new EmrStep(stepName(configs, type, group), ActionOnFailure.CONTINUE, args));
        }
        return List.copyOf(steps);
    }

    private static List<String> systemStepArgs(StepGroup group, PipelineType type, PlanContext context) {
        var args = sparkSubmit(type.usesHudi(), group.sparkConf(type), mainClass(type), context);
        for (var table : group.tables()) {
            args.add("--table");
            args.add(table);
        }
        modeOf(type).ifPresent(mode -> {
            args.add("--mode");
            args.add(mode);
        });
        if (type == PipelineType.CONTINUOUS_HUDI) {
            var stopAt = context.continuousStopAt()
                    .orElseThrow(() -> new LakepipeException(
                            "Cannot plan the continuous_hudi step of %s:"
                                    + " the plan context has no stop time; a continuous step must stop before its execution's timeout",
                            String.join(", ", group.tables())));
            args.add("--stop-at");
            args.add(stopAt.toString());
        }
        return args;
    }

    private static List<EmrStep> planCustom(PipelineConfigs configs, PipelineConfig pipeline, PlanContext context) {
        var steps = new ArrayList<EmrStep>();
        for (var step : configs.customSteps(pipeline.name())) {
            if (step.enabled()) {
                var args = sparkSubmit(true, step.sparkConf(), step.entrypoint().className(), context);
                args.addAll(step.entrypoint().args());
                steps.add(new EmrStep(customStepName(step), ActionOnFailure.CANCEL_AND_WAIT, args));
            }
        }
        return List.copyOf(steps);
    }

    /**
     * The step a jdbc_load run starts with, before its load steps (docs/operations.md, "Source preflight"): the source
     * checked against the run's tables, a failure ending the run before the first load. Empty for other pipelines.
     */
    public static Optional<EmrStep> sourceCheckStep(PipelineConfigs configs, String pipelineName, PlanContext context) {
        var pipeline = configs.pipeline(pipelineName);
        if (pipeline.isEmpty() || pipeline.get().isCustom() || pipeline.get().type() != PipelineType.JDBC_LOAD) {
            return Optional.empty();
        }
        var args = sparkSubmit(false, Map.of(), SOURCE_CHECK_CLASS, context);
        var tables = configs.enabledSystemSteps().stream()
                .map(step -> step.table().qualified())
                .toList();
        tables.forEach(table -> {
            args.add("--table");
            args.add(table);
        });
        return Optional.of(
                new EmrStep("source check (%d tables)".formatted(tables.size()), ActionOnFailure.CONTINUE, args));
    }

    /** The step of {@code lakepipe verify}: compares silver with the source, for one table or all. */
    public static EmrStep verifyStep(PlanContext context, Optional<String> table) {
        return verifyStep(context, table, Optional.empty());
    }

    /**
     * The step of {@code lakepipe verify}; with {@code liveCatchUpWait}, of {@code lakepipe verify --live}, which
     * re-checks the keys that differ and waits at most that long each time for the apply to pass a source read.
     */
    public static EmrStep verifyStep(PlanContext context, Optional<String> table, Optional<Duration> liveCatchUpWait) {
        var args = sparkSubmit(true, Map.of(), VERIFY_CLASS, context);
        table.ifPresent(name -> {
            args.add("--table");
            args.add(name);
        });
        liveCatchUpWait.ifPresent(wait -> {
            args.addAll(List.of("--mode", "live", "--catch-up-wait", String.valueOf(wait.toSeconds())));
        });
        var name = "verify" + liveCatchUpWait.map(wait -> " --live").orElse("")
                + table.map(tables -> " " + tables).orElse("");
        return new EmrStep(name, ActionOnFailure.CONTINUE, args);
    }

    /** The steps as the JSON array the state machine's Map iterates over (EMR AddStep shape). */
    public static String toAddStepsJson(List<EmrStep> steps) {
        var array = JsonNodeFactory.instance.arrayNode();
        steps.forEach(step -> array.add(step.toAddStepJson()));
        try {
            return ConfigReader.mapper().writeValueAsString(array) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new LakepipeException(e, "Failed to write %d EMR steps as JSON", steps.size());
        }
    }

    private static List<String> sparkSubmit(
            boolean hudi, Map<String, String> sparkConf, String mainClass, PlanContext context) {
        var args = clusterSubmit();
        args.addAll(hudi ? HudiOnEmr.sparkSubmitOptions(sparkConf) : HudiOnEmr.confOptions(sparkConf));
        args.addAll(List.of("--class", mainClass, context.stepsJar(), "--config", context.snapshotUri()));
        return args;
    }

    /**
     * {@code spark-submit --deploy-mode cluster --conf spark.yarn.maxAppAttempts=1}, the start of every step. YARN runs
     * a failed cluster-mode application again (its ApplicationMaster leaves a failed attempt registered unless it is
     * the last, and {@code spark.yarn.maxAppAttempts} defaults to YARN's {@code yarn.resourcemanager.am.max-attempts},
     * 2): a failed step would load, apply or check its tables a second time before EMR reports it. One attempt leaves
     * the retry to the state machine. A step's own {@code spark_conf} comes later and wins.
     */
    static ArrayList<String> clusterSubmit() {
        return new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster", "--conf", MAX_APP_ATTEMPTS + "=1"));
    }

    private static String mainClass(PipelineType type) {
        return switch (type) {
            case JDBC_LOAD -> JDBC_LOAD_CLASS;
            case SEED_HUDI -> SEED_HUDI_CLASS;
            case INCREMENTAL_HUDI, CONTINUOUS_HUDI -> HUDI_APPLY_CLASS;
            case CUSTOM -> throw new IllegalArgumentException("custom pipelines have no system main class");
        };
    }

    private static Optional<String> modeOf(PipelineType type) {
        return switch (type) {
            case INCREMENTAL_HUDI -> Optional.of("incremental");
            case CONTINUOUS_HUDI -> Optional.of("continuous");
            case JDBC_LOAD, SEED_HUDI, CUSTOM -> Optional.empty();
        };
    }

    /**
     * {@code jdbc_load public.order_line}; Hudi steps name their target: {@code seed_hudi public.order_line to
     * tpcc_lake.tpcc_public_order_line}; a group names itself and its tables, {@code incremental_hudi group small (3
     * tables: public.district, public.item, public.warehouse)}, within EMR's 256 characters for a step name.
     */
    private static String stepName(PipelineConfigs configs, PipelineType type, StepGroup group) {
        if (group.isShared()) {
            return groupStepName(type, group);
        }
        var step = group.first();
        var name = type.configName() + " " + step.table().qualified();
        if (type == PipelineType.JDBC_LOAD) {
            return name;
        }
        return name + " to " + configs.database().targetDbName() + "." + configs.targetTableName(step);
    }

    private static String groupStepName(PipelineType type, StepGroup group) {
        var tables = group.tables();
        var prefix = "%s group %s (%d tables: "
                .formatted(type.configName(), group.name().orElseThrow(), tables.size());
        var all = prefix + String.join(", ", tables) + ")";
        if (all.length() <= EmrStep.MAX_NAME_LENGTH) {
            return all;
        }
        var listed = new StringBuilder(tables.get(0));
        var shown = 1;
        while (shown < tables.size()
                && (prefix + listed + ", " + tables.get(shown) + ", +%d more)".formatted(tables.size() - shown - 1))
                                .length()
                        <= EmrStep.MAX_NAME_LENGTH) {
            listed.append(", ").append(tables.get(shown++));
        }
        return prefix + listed + ", +%d more)".formatted(tables.size() - shown);
    }

    private static String customStepName(CustomStepConfig step) {
        return step.pipelineName() + " " + step.stepName();
    }
}
