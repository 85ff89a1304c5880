package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigProblem;
import dev.lakepipe.config.ConfigValidator;
import dev.lakepipe.config.PipelineConfig;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.RuntimeSnapshot;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.config.ValidationReport;
import dev.lakepipe.plan.ContinuousLifetime;
import dev.lakepipe.plan.EmrStep;
import dev.lakepipe.plan.PlanContext;
import dev.lakepipe.plan.StepPlanner;
import dev.lakepipe.util.Backoff;
import dev.lakepipe.util.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches one pipeline: read the identifier's configs, validate them, check running executions
 * against {@code allowed_concurrent}, plan the steps, write the runtime config snapshot and start the
 * state machine execution. Any refusal or failure is published to the ops topic before it is thrown.
 * The Lambda handler and the local CLI both use this class.
 */
public final class PipelineLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineLauncher.class);

    /** The concurrency check's backoff: 4 checks over about 7 seconds, enough for a finishing predecessor to leave RUNNING. */
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 4);
    /** One check, no waiting. */
    public static final Backoff NO_BACKOFF = new Backoff(Duration.ZERO, Duration.ZERO, 1);

    private final ConfigSource configs;
    private final SnapshotEnvironment environment;
    private final SnapshotStore snapshots;
    private final ExecutionService executions;
    private final ConcurrencyGuard concurrency;
    private final Notifier notifier;
    private final Optional<String> sourceDatabase;
    private final Clock clock;
    private final Duration continuousLifetime;

    private PipelineLauncher(Builder builder) {
        this.configs = requireNonNull(builder.configs, "configs is null");
        this.environment = requireNonNull(builder.environment, "environment is null");
        this.snapshots = requireNonNull(builder.snapshots, "snapshots is null");
        this.executions = requireNonNull(builder.executions, "executions is null");
        this.notifier = requireNonNull(builder.notifier, "notifier is null");
        this.sourceDatabase = Optional.ofNullable(builder.sourceDatabase);
        this.clock = requireNonNull(builder.clock, "clock is null");
        this.continuousLifetime = requireNonNull(builder.continuousLifetime, "continuousLifetime is null");
        this.concurrency = new ConcurrencyGuard(executions, builder.backoff, builder.sleeper);
    }

    public static Builder builder() {
        return new Builder();
    }

    public LaunchResult launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        try {
            return doLaunch(request);
        } catch (LaunchRefusedException e) {
            notifyFailure(request, e.reason().name(), e.getMessage(), e.problems());
            throw e;
        } catch (RuntimeException e) {
            notifyFailure(request, "ERROR", "Failed to launch " + request + ": " + e.getMessage(), List.of());
            throw e;
        }
    }

    private LaunchResult doLaunch(LaunchRequest request) {
        List<JsonNode> storedItems = configs.storedItems(request.identifier());
        PipelineConfigs validated = validate(request, storedItems);
        PipelineConfig pipeline = validated
                .pipeline(request.pipeline())
                .orElseThrow(() -> new LaunchRefusedException(
                        LaunchRefusedException.Reason.UNKNOWN_PIPELINE,
                        "Cannot launch %s: identifier %s has no pipeline %s (configured: %s); add a pipeline::system::%s or pipeline::custom::%s item",
                        request,
                        request.identifier(),
                        request.pipeline(),
                        validated.pipelines().stream()
                                .map(PipelineConfig::name)
                                .sorted()
                                .toList(),
                        request.pipeline(),
                        request.pipeline()));

        var tables = tablesToRun(request, validated, pipeline);
        var planned = tables.isEmpty() ? validated : validated.withSystemStepsOf(Set.copyOf(tables));

        concurrency.check(request, new HashSet<>(pipeline.allowedConcurrent()), pipeline.key());

        Instant now = clock.instant();
        String executionName = ExecutionNames.name(request.identifier(), pipeline.name(), now);
        PlanContext plan = PlanContext.of(environment, request.identifier(), executionName)
                .withContinuousStopAt(now.plus(continuousLifetime));
        if (StepPlanner.needsSourceDatabase(planned, pipeline.name())) {
            plan = plan.withSourceDatabase(sourceDatabase.orElseThrow(() -> new LakepipeException(
                    "Cannot plan %s: its engine: deltastreamer steps read DMS's folder incremental/<source database>, and this launcher"
                            + " has no source database; set %s (the CDK app sets it from DbName, the database DMS captures)",
                    request, LauncherSettings.SOURCE_DATABASE)));
        }
        List<EmrStep> steps = StepPlanner.plan(planned, pipeline.name(), plan);
        if (steps.isEmpty()) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.NOTHING_TO_RUN,
                    "Cannot launch %s: pipeline %s has no enabled step; enable a step or disable the pipeline's schedule",
                    request,
                    pipeline.key());
        }
        String snapshotUri = plan.snapshotUri();
        snapshots.write(
                URI.create(snapshotUri),
                new RuntimeSnapshot(request.identifier(), now, environment, storedItems).toJson());
        String input = new ExecutionInput(
                        request.identifier(),
                        pipeline,
                        executionName,
                        snapshotUri,
                        StepPlanner.sourceCheckStep(planned, pipeline.name(), plan),
                        steps,
                        tables)
                .toJson();
        String executionArn = executions.start(executionName, input);
        LOG.info("Started {} for {} with {} step(s)", executionName, request, steps.size());
        return new LaunchResult(request.identifier(), pipeline.name(), executionName, executionArn, snapshotUri);
    }

    /**
     * The tables a launch runs for: the request's (each an enabled table of the identifier), or none for every table. A
     * table list restricts the per-table system pipelines; a custom or continuous pipeline reached through next_pipeline
     * of a restricted run runs whole, and asking for one directly with tables is refused.
     */
    private static List<String> tablesToRun(LaunchRequest request, PipelineConfigs configs, PipelineConfig pipeline) {
        if (request.tables().isEmpty()) {
            return List.of();
        }
        if (pipeline.isCustom() || pipeline.type() == PipelineType.CONTINUOUS_HUDI) {
            if (request.triggeredBy().isPresent()) {
                LOG.info("{} runs for every table: tables restrict jdbc_load, seed_hudi and incremental_hudi", request);
                return List.of();
            }
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.UNKNOWN_TABLE,
                    "Cannot launch %s: a table list restricts jdbc_load, seed_hudi and incremental_hudi only, and %s"
                            + " runs for every table; launch it without tables",
                    request,
                    pipeline.key());
        }
        var enabled = configs.enabledSystemSteps().stream()
                .map(step -> step.table().qualified())
                .toList();
        var unknown = request.tables().stream()
                .filter(table -> !enabled.contains(table))
                .distinct()
                .toList();
        if (!unknown.isEmpty()) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.UNKNOWN_TABLE,
                    "Cannot launch %s: %s %s of identifier %s; the enabled tables are %s (names as in"
                            + " step::system::<schema.table>; enable a step::system item to add one)",
                    request,
                    String.join(", ", unknown),
                    unknown.size() == 1 ? "is no enabled table" : "are no enabled tables",
                    request.identifier(),
                    enabled);
        }
        return request.tables().stream().distinct().toList();
    }

    private static PipelineConfigs validate(LaunchRequest request, List<JsonNode> storedItems) {
        if (storedItems.isEmpty()) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.INVALID_CONFIG,
                    "Cannot launch %s: the config table holds no item for identifier %s; import its configs first (lakepipe configs import)",
                    request,
                    request.identifier());
        }
        ValidationReport report = ConfigValidator.validate(storedItems);
        if (!report.isValid()) {
            List<String> problems =
                    report.problems().stream().map(ConfigProblem::toString).toList();
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.INVALID_CONFIG,
                    problems,
                    "Cannot launch %s: the configs of identifier %s have %d problem(s); fix them and import again:%n  - %s",
                    request,
                    request.identifier(),
                    problems.size(),
                    String.join(System.lineSeparator() + "  - ", problems));
        }
        return PipelineConfigs.of(report.items());
    }

    private void notifyFailure(LaunchRequest request, String reason, String error, List<String> problems) {
        try {
            notifier.publish(
                    Notifications.launchFailureSubject(request),
                    Notifications.launchFailureMessage(request, reason, error, problems));
        } catch (RuntimeException e) {
            // The launch failure is what the caller must see; the lost notification goes to the log.
            LOG.error("Failed to notify the launch failure of {}: {}", request, e.getMessage(), e);
        }
    }

    /** Builds a launcher; every collaborator is required except backoff ({@link #DEFAULT_BACKOFF}), sleeper and clock (real). */
    public static final class Builder {
        private ConfigSource configs;
        private SnapshotEnvironment environment;
        private SnapshotStore snapshots;
        private ExecutionService executions;
        private Notifier notifier;
        private Backoff backoff = DEFAULT_BACKOFF;
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private String sourceDatabase;
        private Duration continuousLifetime = ContinuousLifetime.DEFAULT;

        private Builder() {}

        /**
         * How long a continuous_hudi execution's steps run before they stop and the execution hands over to a fresh one;
         * default {@link ContinuousLifetime#DEFAULT} (state machine timeout minus the handover margin).
         */
        public Builder continuousLifetime(Duration continuousLifetime) {
            this.continuousLifetime = continuousLifetime;
            return this;
        }

        /**
         * The source database DMS captures (CDK DbName): deltastreamer plans read its changes from
         * {@code incremental/<source database>}. Without it such plans are refused; nothing reads a secret for it.
         */
        public Builder sourceDatabase(String sourceDatabase) {
            this.sourceDatabase = sourceDatabase;
            return this;
        }

        public Builder configs(ConfigSource configs) {
            this.configs = configs;
            return this;
        }

        public Builder environment(SnapshotEnvironment environment) {
            this.environment = environment;
            return this;
        }

        public Builder snapshots(SnapshotStore snapshots) {
            this.snapshots = snapshots;
            return this;
        }

        public Builder executions(ExecutionService executions) {
            this.executions = executions;
            return this;
        }

        public Builder notifier(Notifier notifier) {
            this.notifier = notifier;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public PipelineLauncher build() {
            return new PipelineLauncher(this);
        }
    }
}
