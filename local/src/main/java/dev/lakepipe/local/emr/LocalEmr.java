package dev.lakepipe.local.emr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.local.s3.LocalBuckets;
import dev.lakepipe.plan.EmrStep;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local EMR: clusters are bookkeeping, each step runs its {@code spark-submit} main class in its own JVM
 * ({@link StepProcesses}), at most {@code StepConcurrencyLevel} at once per cluster. The step's output (spark-submit's)
 * goes to {@code <LogUri><cluster id>/steps/<step id>/{stdout,stderr}} in the local logs bucket, as EMR archives it; a
 * cluster-mode driver's own output goes to its container's logs ({@link YarnApplication}), as on EMR.
 */
public final class LocalEmr implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmr.class);
    private static final String DEFAULT_LOG_URI = "s3://lakepipe-logs/emr/";
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(Exception in thread \\S+ )?([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error)(: .*)?$");
    private static final String UNKNOWN_ERROR = "Unknown Error.";
    private static final int MAX_STEP_CONCURRENCY = 256;
    private static final Set<String> ACTIONS_ON_FAILURE =
            Set.of("TERMINATE_JOB_FLOW", "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE");
    /** The step JVM's file system for {@code file:}: the local bucket tree, recording the S3 requests it stands for. */
    static final String RECORDING_FILE_SYSTEM = "dev.lakepipe.steps.access.RecordingLocalFileSystem";

    private final LocalBuckets buckets;
    private final Path accessLogs;
    private final StepProcesses processes;
    private final EmrListener listener;
    private final Map<String, LocalCluster> clusters = new ConcurrentHashMap<>();
    /** YARN's cluster timestamp, the first part of its application ids, and the number of applications so far. */
    private final long resourceManagerStart = System.currentTimeMillis();

    private final AtomicInteger applications = new AtomicInteger();

    public LocalEmr(LocalBuckets buckets, StepProcesses processes, EmrListener listener) {
        this(buckets, buckets.root().resolveSibling("access"), processes, listener);
    }

    /**
     * @param accessLogs where each step's access log goes, {@code <accessLogs>/<cluster id>/<step id>.jsonl}: every S3,
     *     Secrets Manager and Glue access the step makes, as its cluster's job-flow role (docs/access-contract.md)
     */
    public LocalEmr(LocalBuckets buckets, Path accessLogs, StepProcesses processes, EmrListener listener) {
        this.buckets = requireNonNull(buckets, "buckets is null");
        this.accessLogs = requireNonNull(accessLogs, "accessLogs is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** RunJobFlow as the Step Functions integration accepts it; returns the cluster id (already WAITING). */
    public String createCluster(JsonNode request) {
        String name = request.path("Name").asText("");
        if (name.isBlank()) {
            throw LocalEmrException.invalidRequest("Invalid createCluster request: Name is required");
        }
        if (!request.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean(false)) {
            throw LocalEmrException.invalidRequest(
                    "Invalid createCluster request for %s: Instances.KeepJobFlowAliveWhenNoSteps must be true in Step Functions",
                    name);
        }
        if (request.has("Steps")) {
            throw LocalEmrException.invalidRequest(
                    "Invalid createCluster request for %s: Steps are not allowed; add them with addStep", name);
        }
        int concurrency = request.path("StepConcurrencyLevel").asInt(1);
        if (concurrency < 1 || concurrency > MAX_STEP_CONCURRENCY) {
            throw LocalEmrException.invalidRequest(
                    "Invalid StepConcurrencyLevel for %s: %s; use 1 to %d",
                    name, request.path("StepConcurrencyLevel"), MAX_STEP_CONCURRENCY);
        }
        var cluster = new LocalCluster(EmrIds.clusterId(), name, request, concurrency);
        clusters.put(cluster.id(), cluster);
        LOG.info("Created local cluster {} ({}), step concurrency {}", cluster.id(), name, concurrency);
        listener.onClusterCreated(cluster.id(), name);
        return cluster.id();
    }

    /**
     * AddJobFlowSteps of one step, waiting for it to end (addStep.sync). Returns the DescribeStep response;
     * its {@code Step.Status.State} is COMPLETED, FAILED or CANCELLED.
     */
    public ObjectNode runStep(String clusterId, JsonNode stepRequest) throws InterruptedException {
        return runStep(clusterId, stepRequest, stepId -> {});
    }

    /** As {@link #runStep(String, JsonNode)}, telling {@code onAdded} the step id as soon as the step is added. */
    public ObjectNode runStep(String clusterId, JsonNode stepRequest, Consumer<String> onAdded)
            throws InterruptedException {
        LocalCluster cluster = existing(clusterId);
        checkName(stepRequest);
        String actionOnFailure = actionOnFailure(cluster, stepRequest);
        JsonNode hadoopJarStep = stepRequest.path("HadoopJarStep");
        var args = new ArrayList<String>();
        hadoopJarStep.path("Args").forEach(arg -> args.add(arg.asText()));
        LocalStep step = cluster.add(new LocalStep(
                EmrIds.stepId(),
                stepRequest.path("Name").asText("step"),
                hadoopJarStep.path("Jar").asText("command-runner.jar"),
                args,
                actionOnFailure));
        changed(cluster, step);
        onAdded.accept(step.id());
        if (!cluster.acquireSlot()) {
            step.cancelled();
            changed(cluster, step);
            return step.describe();
        }
        try {
            run(cluster, step);
        } finally {
            cluster.releaseSlot();
        }
        if (step.state() == LocalStep.State.FAILED && step.actionOnFailure().startsWith("TERMINATE_")) {
            terminate(clusterId);
        }
        return step.describe();
    }

    private void run(LocalCluster cluster, LocalStep step) throws InterruptedException {
        step.started();
        changed(cluster, step);
        var logs = new EmrLogs(buckets.resolve(logUri(cluster) + cluster.id() + "/"));
        Path stdout = logs.step(step.id(), "stdout");
        Path stderr = logs.step(step.id(), "stderr");
        try {
            Files.createDirectories(stderr.getParent());
            SparkSubmitCommand command = SparkSubmitCommand.parse(step.args()).withConf(accessSettings(cluster, step));
            int exitCode;
            String reason;
            if (command.clusterMode()) {
                var application = YarnApplication.submit(logs, resourceManagerStart, applications.incrementAndGet());
                try {
                    exitCode = processes.run(
                            application.driver(command), application.driverStdout(), application.driverStderr());
                } catch (IOException | RuntimeException | InterruptedException e) {
                    application.abandon();
                    throw e;
                }
                var diagnostics = application.finish(exitCode, stdout, stderr);
                reason = missingJar(application.driverStderr())
                        .or(() -> YarnApplication.thrown(diagnostics))
                        .orElse(UNKNOWN_ERROR);
            } else {
                exitCode = processes.run(command, stdout, stderr);
                reason = reason(stderr);
            }
            if (exitCode == 0) {
                step.completed();
            } else {
                step.failed(new LocalStep.FailureDetails(
                        reason,
                        "Step " + step.name() + " failed: " + command.mainClass() + " exited with code " + exitCode,
                        stderr.toUri().toString()));
            }
        } catch (InterruptedException e) {
            step.cancelled();
            throw e;
        } catch (IOException | RuntimeException e) {
            step.failed(new LocalStep.FailureDetails(
                    "Unknown Error.",
                    "Step " + step.name() + " could not run: " + e.getMessage(),
                    stderr.toUri().toString()));
        } finally {
            changed(cluster, step);
        }
    }

    /** What the step JVM needs to record its accesses as its cluster's job-flow role (the instance profile EMR gives its nodes). */
    private Map<String, String> accessSettings(LocalCluster cluster, LocalStep step) {
        return Map.of(
                "spark.hadoop.fs.file.impl",
                RECORDING_FILE_SYSTEM,
                AccessLog.BUCKETS_PROPERTY,
                buckets.root().toString(),
                AccessLog.FILE_PROPERTY,
                accessLogs.resolve(cluster.id()).resolve(step.id() + ".jsonl").toString(),
                AccessLog.PRINCIPAL_PROPERTY,
                cluster.request().path("JobFlowRole").asText("EMR_EC2_DefaultRole"),
                AccessLog.STEP_PROPERTY,
                step.name());
    }

    /** TerminateJobFlows: cancels pending steps and kills running ones. Terminating twice is fine, as on EMR. */
    public void terminate(String clusterId) {
        LocalCluster cluster = clusters.get(clusterId);
        if (cluster == null) {
            throw LocalEmrException.invalidRequest("Cannot terminate cluster %s: no such cluster", clusterId);
        }
        if (cluster.terminate()) {
            LOG.info("Terminated local cluster {} ({})", clusterId, cluster.name());
            listener.onClusterTerminated(clusterId);
        }
    }

    public Optional<LocalCluster> cluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
    }

    public List<LocalCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** Terminates every cluster still alive. */
    @Override
    public void close() {
        clusters.values().stream()
                .filter(cluster -> cluster.state() != LocalCluster.State.TERMINATED)
                .forEach(cluster -> terminate(cluster.id()));
    }

    private LocalCluster existing(String clusterId) {
        LocalCluster cluster = clusters.get(clusterId);
        if (cluster == null) {
            throw LocalEmrException.invalidRequest(
                    "Cannot add a step to cluster %s: no such cluster; create it first", clusterId);
        }
        return cluster;
    }

    /** AddJobFlowSteps refuses a step without a name or with a name longer than 256 characters (StepConfig.Name). */
    private static void checkName(JsonNode stepRequest) {
        String name = stepRequest.path("Name").asText("");
        if (name.isEmpty() || name.length() > EmrStep.MAX_NAME_LENGTH) {
            throw LocalEmrException.invalidRequest(
                    "Invalid step name: it has %d characters, EMR takes 1 to %d: %s",
                    name.length(), EmrStep.MAX_NAME_LENGTH, name);
        }
    }

    /**
     * The step's ActionOnFailure as AddJobFlowSteps accepts it: one of the four values, and only CONTINUE on a cluster whose
     * StepConcurrencyLevel is above 1 (EMR StepConfig: such a step "is not submitted and the action fails").
     */
    private static String actionOnFailure(LocalCluster cluster, JsonNode stepRequest) {
        String name = stepRequest.path("Name").asText("step");
        String action = stepRequest.path("ActionOnFailure").asText("CONTINUE");
        if (!ACTIONS_ON_FAILURE.contains(action)) {
            throw LocalEmrException.invalidRequest(
                    "Invalid ActionOnFailure for step %s: %s; use one of %s",
                    name, action, new TreeSet<>(ACTIONS_ON_FAILURE));
        }
        if (cluster.stepConcurrency() > 1 && !action.equals("CONTINUE")) {
            throw LocalEmrException.invalidRequest(
                    "Invalid ActionOnFailure for step %s: %s is not valid on cluster %s, whose"
                            + " StepConcurrencyLevel is %d; use CONTINUE, or StepConcurrencyLevel 1",
                    name, action, cluster.id(), cluster.stepConcurrency());
        }
        return action;
    }

    private void changed(LocalCluster cluster, LocalStep step) {
        listener.onStepStateChanged(
                cluster.id(), step.id(), step.name(), step.state().name());
    }

    private static String logUri(LocalCluster cluster) {
        String uri = cluster.request().path("LogUri").asText(DEFAULT_LOG_URI);
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /**
     * EMR's Reason for a client-mode step (the driver ran in spark-submit): the exception the step died of, from the
     * end of its stderr, when there is one.
     */
    private static String reason(Path stderr) {
        List<String> lines = tail(stderr);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (EXCEPTION_LINE.matcher(line).matches()) {
                return line;
            }
        }
        return UNKNOWN_ERROR;
    }

    /** The local EMR's own explanation of a class the driver could not load ({@link MissingEmrJarException}). */
    private static Optional<String> missingJar(Path driverStderr) {
        String explanation = MissingEmrJarException.class.getName() + ":";
        return tail(driverStderr).stream()
                .filter(line -> line.startsWith(explanation))
                .reduce((first, second) -> second);
    }

    private static List<String> tail(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (var in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read step log " + file, e);
        }
    }
}
