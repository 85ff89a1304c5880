package dev.lakepipe.local.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionListener;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.asl.StateMachine;
import dev.lakepipe.asl.StatesJson;
import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.asl.TaskIntegrations;
import dev.lakepipe.config.SnapshotEnvironment;
import dev.lakepipe.configstore.ConfigTable;
import dev.lakepipe.deploy.LakeBucket;
import dev.lakepipe.launcher.ConfigSource;
import dev.lakepipe.launcher.ExecutionService;
import dev.lakepipe.launcher.FileSnapshotStore;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.launcher.LaunchResult;
import dev.lakepipe.launcher.Notifier;
import dev.lakepipe.launcher.PipelineLauncher;
import dev.lakepipe.launcher.SnapshotStore;
import dev.lakepipe.local.emr.EmrListener;
import dev.lakepipe.local.emr.LocalEmr;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.lambda.LauncherFunction;
import dev.lakepipe.local.s3.LocalBuckets;
import dev.lakepipe.local.sns.SnsOutbox;
import dev.lakepipe.local.states.ExecutionRecords;
import dev.lakepipe.local.states.LocalExecutionService;
import dev.lakepipe.plan.ContinuousLifetime;
import dev.lakepipe.util.Backoff;
import dev.lakepipe.util.Json;
import dev.lakepipe.util.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline, locally: the launcher and {@code state-machines/pipeline.asl.json} (with
 * {@code local-substitutions.json}) on the local Step Functions engine, its Task states wired to the local
 * integrations: EMR → {@link LocalEmr}, SNS → {@link SnsOutbox}, Lambda → the launcher in-process, nested
 * executions → the same engine. State lives under {@code $LAKEPIPE_HOME} (buckets in {@code s3/}, the outbox in
 * {@code outbox/sns.jsonl}, histories in {@code executions/}).
 */
public final class LocalPipelineRuntime implements AutoCloseable {

    public static final String STATE_MACHINE_NAME = "lakepipe-pipeline";
    public static final String DEFINITION = "pipeline.asl.json";
    public static final String SUBSTITUTIONS = "local-substitutions.json";

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final Path home;
    private final LocalBuckets buckets;
    private final SnsOutbox outbox;
    private final LocalEmr emr;
    private final StepFunctions engine;
    private final StateMachine machine;
    private final LocalExecutionService executions;
    private final PipelineLauncher launcher;

    private LocalPipelineRuntime(Builder builder) {
        this.home = requireNonNull(builder.home, "home is null").toAbsolutePath();
        Path stateMachines = requireNonNull(builder.stateMachines, "stateMachines is null");
        requireNonNull(builder.configs, "configs is null");
        requireNonNull(builder.stepProcesses, "stepProcesses is null");
        Map<String, String> substitutions = readSubstitutions(stateMachines.resolve(SUBSTITUTIONS));
        String topicArn = required(substitutions, "SnsTopicArn");
        String launcherArn = required(substitutions, "LauncherFunctionArn");
        this.buckets = new LocalBuckets(home.resolve("s3"));
        this.outbox = SnsOutbox.in(home);
        this.emr = new LocalEmr(buckets, accessLogs(home), builder.stepProcesses, builder.emrListener);
        var machineAccesses =
                AccessLog.to(accessLogs(home).resolve("states.jsonl"), stateMachineArn(), STATE_MACHINE_NAME);
        var launcherAccesses = AccessLog.to(accessLogs(home).resolve("launcher.jsonl"), launcherArn, "launcher");
        this.engine = StepFunctions.builder()
                .integrations(new TaskIntegrations())
                .executionsDirectory(home.resolve("executions"))
                .sleeper(builder.sleeper)
                .build();
        var launcherFunction = new LauncherFunction();
        LocalIntegrations.registerPipeline(engine, emr, outbox, machineAccesses, Map.of(launcherArn, event -> {
            recordNow(machineAccesses, "lambda:InvokeFunction", launcherArn);
            return launcherFunction.handle(event);
        }));
        this.machine =
                engine.load(STATE_MACHINE_NAME, StatesJson.read(stateMachines.resolve(DEFINITION)), substitutions);
        this.executions = new LocalExecutionService(
                engine, machine, builder.listeners, Optional.of(new ExecutionRecords(home.resolve("executions"))));
        this.launcher = PipelineLauncher.builder()
                .configs(recorded(builder.configs, launcherAccesses))
                .environment(environment())
                .snapshots(recorded(new FileSnapshotStore(), launcherAccesses))
                .executions(recorded(executions, launcherAccesses))
                .notifier(recorded(outbox.notifier(topicArn), topicArn, launcherAccesses))
                .backoff(builder.launcherBackoff)
                .sourceDatabase(required(substitutions, "SourceDatabaseName"))
                .continuousLifetime(builder.continuousLifetime)
                .build();
        launcherFunction.bind(launcher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Launches a pipeline (as the schedule or the CLI would); the execution runs in the background. */
    public LaunchResult launch(LaunchRequest request) {
        return launcher.launch(request);
    }

    /**
     * Launches a pipeline and follows it and every pipeline it starts through next_pipeline, until one ends
     * without starting another. Returns the executions in order; the last one's status is the chain's.
     */
    public List<Execution> runChain(LaunchRequest request) throws InterruptedException {
        var chain = new ArrayList<Execution>();
        Optional<String> next = Optional.of(launch(request).executionArn());
        while (next.isPresent()) {
            String arn = next.get();
            Execution execution = executions
                    .execution(arn)
                    .orElseThrow(() -> new LakepipeException(
                            "Cannot follow execution %s: it was not started by this runtime", arn));
            execution.await();
            chain.add(execution);
            next = nextExecution(execution);
        }
        return chain;
    }

    /** The execution a succeeded run started through next_pipeline, if any. */
    public static Optional<String> nextExecution(Execution execution) {
        if (execution.status() != ExecutionStatus.SUCCEEDED) {
            return Optional.empty();
        }
        return execution
                .output()
                .map(output -> output.path("next_execution").path("launch").path("execution_arn"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    public PipelineLauncher launcher() {
        return launcher;
    }

    public StepFunctions engine() {
        return engine;
    }

    public StateMachine stateMachine() {
        return machine;
    }

    public LocalEmr emr() {
        return emr;
    }

    public SnsOutbox outbox() {
        return outbox;
    }

    public LocalBuckets buckets() {
        return buckets;
    }

    public Path home() {
        return home;
    }

    /** Where the local steps find things: {@code file://} buckets, the secrets file and the catalog folder. */
    public SnapshotEnvironment environment() {
        return environment(home);
    }

    /** {@link #environment()} of the runtime of {@code home}, for what runs a step without one (the CLI's verify). */
    public static SnapshotEnvironment environment(Path home) {
        var absolute = home.toAbsolutePath();
        var buckets = new LocalBuckets(absolute.resolve("s3"));
        return new SnapshotEnvironment(
                bucketUri(buckets, LakeBucket.BRONZE),
                bucketUri(buckets, LakeBucket.SILVER),
                bucketUri(buckets, LakeBucket.GOLD),
                bucketUri(buckets, LakeBucket.ARTIFACTS),
                absolute.resolve("secrets.json").toUri().toString(),
                absolute.resolve("catalog").toUri().toString());
    }

    private static String bucketUri(LocalBuckets buckets, LakeBucket bucket) {
        return buckets.bucketUri(bucket.localName());
    }

    /** Stops running executions, then terminates every local cluster still alive. */
    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            emr.close();
        }
    }

    /** The names of the pipeline machine's own states (not those inside its Map): worth a progress line each. */
    public static Set<String> topLevelStates(Path stateMachines) {
        var names = new HashSet<String>();
        StatesJson.read(stateMachines.resolve(DEFINITION))
                .path("States")
                .fieldNames()
                .forEachRemaining(names::add);
        return names;
    }

    /**
     * {@code $LAKEPIPE_HOME/access}: the access logs of the steps ({@code <cluster id>/<step id>.jsonl}), the
     * launcher and the state machine (docs/access-contract.md).
     */
    public static Path accessLogs(Path home) {
        return home.resolve("access");
    }

    /** The local state machine's ARN: the principal of its own accesses (SNS, Lambda), and what the launcher lists and starts. */
    public static String stateMachineArn() {
        return AwsArns.stateMachine(STATE_MACHINE_NAME);
    }

    /** The config table reads as the {@code dynamodb:Query} they are on AWS ({@code ConfigTable.load}). */
    private static ConfigSource recorded(ConfigTable table, AccessLog accesses) {
        return identifier -> {
            recordNow(accesses, "dynamodb:Query", AwsArns.dynamoDbTable(table.tableName()));
            return table.load(identifier);
        };
    }

    /** The launcher's calls of the state machine as the {@code states:} actions they are on AWS ({@code SfnExecutionService}). */
    private static ExecutionService recorded(ExecutionService executions, AccessLog accesses) {
        return new ExecutionService() {
            @Override
            public List<String> runningExecutionNames() {
                recordNow(accesses, "states:ListExecutions", stateMachineArn());
                return executions.runningExecutionNames();
            }

            @Override
            public String start(String executionName, String input) {
                recordNow(accesses, "states:StartExecution", stateMachineArn());
                return executions.start(executionName, input);
            }
        };
    }

    /** The snapshot write as the S3 PutObject it is on AWS. */
    private SnapshotStore recorded(SnapshotStore store, AccessLog accesses) {
        return (location, json) -> {
            var path = "file".equals(location.getScheme())
                    ? Path.of(location).toAbsolutePath().normalize()
                    : buckets.root();
            if (path.startsWith(buckets.root()) && !path.equals(buckets.root())) {
                var relative = buckets.root().relativize(path);
                recordNow(
                        accesses,
                        "s3:PutObject",
                        AwsArns.object(
                                relative.getName(0).toString(),
                                relative.subpath(1, relative.getNameCount())
                                        .toString()
                                        .replace('\\', '/')));
            }
            store.write(location, json);
        };
    }

    /** The launcher's notifications as the {@code sns:Publish} they are on AWS. */
    private static Notifier recorded(Notifier notifier, String topicArn, AccessLog accesses) {
        return (subject, message) -> {
            recordNow(accesses, "sns:Publish", topicArn);
            notifier.publish(subject, message);
        };
    }

    /** In-process parts have no exit to flush at: each access is written as it is made. */
    private static void recordNow(AccessLog accesses, String action, String resource) {
        accesses.record(action, resource);
        accesses.flush();
    }

    private static Map<String, String> readSubstitutions(Path file) {
        try {
            return MAPPER.readValue(Files.readString(file), new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the local substitutions " + file, e);
        }
    }

    private static String required(Map<String, String> substitutions, String key) {
        String value = substitutions.get(key);
        if (value == null) {
            throw new LakepipeException("Invalid %s: %s is missing; add it with its local value", SUBSTITUTIONS, key);
        }
        return value;
    }

    /** Builds the runtime; home, state machine folder, config source and step processes are required. */
    public static final class Builder {
        private Path home;
        private Path stateMachines;
        private ConfigTable configs;
        private StepProcesses stepProcesses;
        private EmrListener emrListener = EmrListener.NONE;
        private final List<ExecutionListener> listeners = new ArrayList<>();
        private Sleeper sleeper = Sleeper.REAL;
        private Backoff launcherBackoff = PipelineLauncher.DEFAULT_BACKOFF;
        private Duration continuousLifetime = ContinuousLifetime.DEFAULT;

        private Builder() {}

        /** {@code $LAKEPIPE_HOME}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** The folder holding {@code pipeline.asl.json} and {@code local-substitutions.json} ({@code <repo>/state-machines}). */
        public Builder stateMachines(Path stateMachines) {
            this.stateMachines = stateMachines;
            return this;
        }

        /** Where the launcher reads config items (DynamoDB Local's config table). */
        public Builder configs(ConfigTable configs) {
            this.configs = configs;
            return this;
        }

        /** How a step's JVM is started. */
        public Builder stepProcesses(StepProcesses stepProcesses) {
            this.stepProcesses = stepProcesses;
            return this;
        }

        /** Default: none. */
        public Builder emrListener(EmrListener emrListener) {
            this.emrListener = requireNonNull(emrListener, "emrListener is null");
            return this;
        }

        /** Attached to every pipeline execution the launcher starts (next_pipeline ones included). */
        public Builder executionListener(ExecutionListener listener) {
            this.listeners.add(requireNonNull(listener, "listener is null"));
            return this;
        }

        /** Wait states and Retry intervals; default: real time. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = requireNonNull(sleeper, "sleeper is null");
            return this;
        }

        /** The launcher's concurrency backoff; default {@link PipelineLauncher#DEFAULT_BACKOFF}. */
        public Builder launcherBackoff(Backoff launcherBackoff) {
            this.launcherBackoff = requireNonNull(launcherBackoff, "launcherBackoff is null");
            return this;
        }

        /** How long a continuous_hudi execution's steps run before it hands over to a fresh one; default {@link ContinuousLifetime#DEFAULT}. */
        public Builder continuousLifetime(Duration continuousLifetime) {
            this.continuousLifetime = requireNonNull(continuousLifetime, "continuousLifetime is null");
            return this;
        }

        public LocalPipelineRuntime build() {
            return new LocalPipelineRuntime(this);
        }
    }
}
