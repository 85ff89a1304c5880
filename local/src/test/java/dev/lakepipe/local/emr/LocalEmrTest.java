package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.local.s3.LocalBuckets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local EMR's bookkeeping, with a hand-written step process (no JVM): concurrency, failures, termination. */
class LocalEmrTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long a latch may wait: a guard against a hang (a busy 2-core machine is slow), never part of a check. */
    private static final long GUARD_MINUTES = 2;

    @TempDir
    Path root;

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
    }

    @Test
    void runsAtMostStepConcurrencyLevelStepsAtOnce() throws Exception {
        var running = new AtomicInteger();
        var maxRunning = new AtomicInteger();
        var started = new Semaphore(0);
        var release = new Semaphore(0);
        StepProcesses processes = (command, stdout, stderr) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.release();
            release.acquire();
            running.decrementAndGet();
            return 0;
        };
        var emr = new LocalEmr(new LocalBuckets(root), processes, EmrListener.NONE);
        String cluster = emr.createCluster(cluster(2));

        var added = new Semaphore(0);
        var results = new ArrayList<Future<ObjectNode>>();
        for (int i = 0; i < 5; i++) {
            var name = "step " + i;
            results.add(callers.submit(() -> emr.runStep(cluster, step(name, "CONTINUE"), id -> added.release())));
        }
        // Every step blocks until released: two hold the cluster's two slots, the other three must wait PENDING.
        assertThat(started.tryAcquire(2, GUARD_MINUTES, TimeUnit.MINUTES))
                .as("two steps started")
                .isTrue();
        assertThat(added.tryAcquire(5, GUARD_MINUTES, TimeUnit.MINUTES))
                .as("five steps added")
                .isTrue();
        assertThat(stepStates(emr, cluster))
                .containsExactlyInAnyOrder("RUNNING", "RUNNING", "PENDING", "PENDING", "PENDING");
        release.release(5);
        for (Future<ObjectNode> result : results) {
            assertThat(result.get(GUARD_MINUTES, TimeUnit.MINUTES)
                            .path("Step")
                            .path("Status")
                            .path("State")
                            .asText())
                    .isEqualTo("COMPLETED");
        }
        assertThat(maxRunning.get()).isEqualTo(2);
    }

    @Test
    void aFailedStepCarriesEmrFailureDetailsWithItsStderr() throws Exception {
        StepProcesses processes = (command, stdout, stderr) -> {
            Files.writeString(stderr, "INFO starting\njava.lang.RuntimeException: boom\n\tat A.main(A.java:1)\n");
            return 3;
        };
        var emr = new LocalEmr(new LocalBuckets(root), processes, EmrListener.NONE);
        String cluster = emr.createCluster(cluster(1));

        JsonNode step = emr.runStep(cluster, step("load", "CONTINUE")).path("Step");

        assertThat(step.path("Id").asText()).matches("s-[A-Z0-9]{13}");
        assertThat(step.path("Status").path("State").asText()).isEqualTo("FAILED");
        JsonNode details = step.path("Status").path("FailureDetails");
        assertThat(details.path("Reason").asText()).isEqualTo("java.lang.RuntimeException: boom");
        assertThat(details.path("Message").asText()).isEqualTo("Step load failed: dev.example.Main exited with code 3");
        assertThat(details.path("LogFile").asText())
                .isEqualTo(root.resolve("lakepipe-logs/emr/" + cluster + "/steps/"
                                + step.path("Id").asText() + "/stderr")
                        .toUri()
                        .toString());
        assertThat(emr.cluster(cluster).orElseThrow().state()).isEqualTo(LocalCluster.State.WAITING);
    }

    @Test
    void terminatingKillsRunningStepsCancelsPendingOnesAndRefusesNewOnes() throws Exception {
        var started = new CountDownLatch(1);
        StepProcesses processes = (command, stdout, stderr) -> {
            started.countDown();
            Thread.sleep(60_000);
            return 0;
        };
        var emr = new LocalEmr(new LocalBuckets(root), processes, EmrListener.NONE);
        String cluster = emr.createCluster(cluster(1));
        Future<ObjectNode> running = callers.submit(() -> emr.runStep(cluster, step("long", "CONTINUE")));
        assertThat(started.await(GUARD_MINUTES, TimeUnit.MINUTES)).isTrue();
        var added = new CountDownLatch(1);
        Future<ObjectNode> pending =
                callers.submit(() -> emr.runStep(cluster, step("queued", "CONTINUE"), id -> added.countDown()));
        assertThat(added.await(GUARD_MINUTES, TimeUnit.MINUTES)).isTrue();

        emr.terminate(cluster);

        assertThat(pending.get(GUARD_MINUTES, TimeUnit.MINUTES)
                        .path("Step")
                        .path("Status")
                        .path("State")
                        .asText())
                .isEqualTo("CANCELLED");
        assertThatThrownBy(() -> running.get(GUARD_MINUTES, TimeUnit.MINUTES))
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(emr.cluster(cluster).orElseThrow().state()).isEqualTo(LocalCluster.State.TERMINATED);
        assertThatThrownBy(() -> emr.runStep(cluster, step("late", "CONTINUE")))
                .isInstanceOfSatisfying(
                        LocalEmrException.class,
                        e -> assertThat(e.errorName()).isEqualTo("ElasticMapReduce.InvalidRequestException"))
                .hasMessage("Cannot add step late to cluster " + cluster
                        + ": the cluster is terminated; create a new cluster");
    }

    @Test
    void refusesRequestsStepFunctionsWouldRefuse() {
        var emr = new LocalEmr(new LocalBuckets(root), (command, stdout, stderr) -> 0, EmrListener.NONE);
        ObjectNode request = cluster(1);
        ((ObjectNode) request.path("Instances")).put("KeepJobFlowAliveWhenNoSteps", false);

        assertThatThrownBy(() -> emr.createCluster(request))
                .isInstanceOf(LocalEmrException.class)
                .hasMessage(
                        "Invalid createCluster request for lakepipe-test: Instances.KeepJobFlowAliveWhenNoSteps must be true in Step Functions");
        assertThatThrownBy(() -> emr.runStep("j-NOSUCHCLUSTER1", step("x", "CONTINUE")))
                .isInstanceOf(LocalEmrException.class)
                .hasMessage("Cannot add a step to cluster j-NOSUCHCLUSTER1: no such cluster; create it first");
    }

    @Test
    void refusesActionsOnFailureThatEmrRefusesOnAConcurrentCluster() throws Exception {
        var emr = new LocalEmr(new LocalBuckets(root), (command, stdout, stderr) -> 0, EmrListener.NONE);
        String concurrent = emr.createCluster(cluster(2));
        String sequential = emr.createCluster(cluster(1));

        for (var action : List.of("CANCEL_AND_WAIT", "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW")) {
            assertThatThrownBy(() -> emr.runStep(concurrent, step("report", action)))
                    .isInstanceOf(LocalEmrException.class)
                    .hasMessage("Invalid ActionOnFailure for step report: " + action + " is not valid on cluster "
                            + concurrent
                            + ", whose StepConcurrencyLevel is 2; use CONTINUE, or StepConcurrencyLevel 1");
        }
        assertThatThrownBy(() -> emr.runStep(sequential, step("report", "STOP")))
                .isInstanceOf(LocalEmrException.class)
                .hasMessage(
                        "Invalid ActionOnFailure for step report: STOP; use one of [CANCEL_AND_WAIT, CONTINUE, TERMINATE_CLUSTER, TERMINATE_JOB_FLOW]");
        assertThat(emr.cluster(concurrent).orElseThrow().describeSteps()).isEmpty();
        assertThat(emr.runStep(sequential, step("report", "CANCEL_AND_WAIT"))
                        .path("Step")
                        .path("Status")
                        .path("State")
                        .asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void refusesAStepNameEmrRefuses() throws Exception {
        var emr = new LocalEmr(new LocalBuckets(root), (command, stdout, stderr) -> 0, EmrListener.NONE);
        String cluster = emr.createCluster(cluster(1));

        assertThatThrownBy(() -> emr.runStep(cluster, step("x".repeat(257), "CONTINUE")))
                .isInstanceOf(LocalEmrException.class)
                .hasMessageStartingWith("Invalid step name: it has 257 characters, EMR takes 1 to 256: xxx");
        assertThatThrownBy(() -> emr.runStep(cluster, step("", "CONTINUE")))
                .isInstanceOf(LocalEmrException.class)
                .hasMessageStartingWith("Invalid step name: it has 0 characters");
        assertThat(emr.cluster(cluster).orElseThrow().describeSteps()).isEmpty();
    }

    private static List<String> stepStates(LocalEmr emr, String cluster) {
        return emr.cluster(cluster).orElseThrow().describeSteps().stream()
                .map(step -> step.path("Step").path("Status").path("State").asText())
                .toList();
    }

    private static ObjectNode cluster(int concurrency) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("Name", "lakepipe-test");
        request.put("StepConcurrencyLevel", concurrency);
        request.putObject("Instances").put("KeepJobFlowAliveWhenNoSteps", true);
        return request;
    }

    private static ObjectNode step(String name, String actionOnFailure) {
        ObjectNode step = MAPPER.createObjectNode();
        step.put("Name", name);
        step.put("ActionOnFailure", actionOnFailure);
        ObjectNode jar = step.putObject("HadoopJarStep");
        jar.put("Jar", "command-runner.jar");
        var args = jar.putArray("Args");
        List.of("spark-submit", "--class", "dev.example.Main", "s3://a/jars/emr-steps.jar", "--config", "s3://a/c.json")
                .forEach(args::add);
        return step;
    }
}
