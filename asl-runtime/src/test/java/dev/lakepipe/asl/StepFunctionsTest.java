package dev.lakepipe.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepFunctionsTest {

    private static final String WORK = "arn:aws:states:::lambda:invoke";
    private static final String FAIL = "arn:aws:states:::ecs:runTask";

    private final TaskIntegrations integrations = new TaskIntegrations();
    private final StepFunctions engine =
            StepFunctions.builder().integrations(integrations).build();

    @AfterEach
    void close() {
        engine.close();
    }

    private StateMachine load(String definition) {
        return engine.load("Test", StatesJson.parse(definition), Map.of());
    }

    private static String mapOf(int maxConcurrency) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": %d, "End": true,
                  "ItemProcessor": {"StartAt": "W", "States": {"W": {"Type": "Task", "Resource": "%s", "End": true}}}}}}
                """.formatted(maxConcurrency, WORK);
    }

    @Test
    void mapRunsIterationsConcurrentlyUpToMaxConcurrency() throws InterruptedException {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        // Each pair of iterations must meet at the barrier: this only completes if two run at once.
        var barrier = new CyclicBarrier(2);
        integrations.register(new TestIntegration(WORK, request -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                barrier.await(2, TimeUnit.MINUTES);
                return IntNode.valueOf(request.input().intValue() * 10);
            } finally {
                running.decrementAndGet();
            }
        }));

        Execution execution = engine.run(load(mapOf(2)), "concurrent", StatesJson.parse("[1,2,3,4,5,6]"));

        assertThat(execution.status()).as("%s", execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(execution.output().orElseThrow()).isEqualTo(StatesJson.parse("[10,20,30,40,50,60]"));
        assertThat(peak.get()).isEqualTo(2);
    }

    @Test
    void mapWithMaxConcurrencyOneRunsInItemOrderOneAtATime() throws InterruptedException {
        var running = new AtomicInteger();
        var peak = new AtomicInteger();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        integrations.register(new TestIntegration(WORK, request -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            order.add(request.input().intValue());
            Thread.sleep(5);
            running.decrementAndGet();
            return request.input();
        }));

        Execution execution = engine.run(load(mapOf(1)), "sequential", StatesJson.parse("[5,4,3,2,1]"));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(order).containsExactly(5, 4, 3, 2, 1);
        assertThat(peak.get()).isEqualTo(1);
    }

    @Test
    void unboundedMapStartsAllIterationsAtOnce() throws InterruptedException {
        var started = new CountDownLatch(8);
        integrations.register(new TestIntegration(WORK, request -> {
            started.countDown();
            assertThat(started.await(2, TimeUnit.MINUTES))
                    .as("all 8 iterations running together")
                    .isTrue();
            return request.input();
        }));

        Execution execution = engine.run(load(mapOf(0)), "unbounded", StatesJson.parse("[1,2,3,4,5,6,7,8]"));

        assertThat(execution.status()).as("%s", execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void taskTimeoutFailsWithStatesTimeoutAndInterruptsTheIntegration() throws InterruptedException {
        var time = new ManualTime();
        var interrupted = new CountDownLatch(1);
        integrations.register(new TestIntegration(WORK, request -> {
            time.advance(Duration.ofSeconds(2));
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return request.input();
        }));
        try (var manual = onManualTime(time)) {
            StateMachine machine = manual.load("Test", StatesJson.parse("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "TimeoutSecondsPath": "$.limit", "Parameters": {},
                      "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Timed"}], "End": true}, "Timed": {"Type": "Pass", "End": true}}}
                    """.formatted(WORK)), Map.of());

            Execution execution = manual.run(machine, "timeout", StatesJson.parse("{\"limit\": 1}"));

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output().orElseThrow())
                    .isEqualTo(StatesJson.parse("{\"Error\":\"States.Timeout\",\"Cause\":\"\"}"));
            assertThat(interrupted.await(2, TimeUnit.MINUTES)).isTrue();
            assertThat(execution.history()).extracting(HistoryEvent::type).contains("TaskTimedOut");
        }
    }

    @Test
    void heartbeatsKeepATaskAliveAndTheirAbsenceTimesItOut() throws InterruptedException {
        var time = new ManualTime();
        integrations.register(new TestIntegration(WORK, request -> {
            if (!request.input().path("beat").asBoolean()) {
                time.advance(Duration.ofMillis(1500));
                new CountDownLatch(1).await(); // until the timeout interrupts it
            }
            for (int i = 0; i < 8; i++) { // 4 s in all, a beat every 0.5 s
                request.heartbeat().beat();
                time.advance(Duration.ofMillis(500));
            }
            return request.input();
        }));
        try (var manual = onManualTime(time)) {
            StateMachine machine = manual.load("Test", StatesJson.parse("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "HeartbeatSeconds": 1, "TimeoutSeconds": 10, "End": true}}}
                    """.formatted(WORK)), Map.of());

            Execution beating = manual.run(machine, "beating", StatesJson.parse("{\"beat\": true}"));
            Execution silent = manual.run(machine, "silent", StatesJson.parse("{\"beat\": false}"));

            assertThat(beating.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(silent.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(silent.error()).contains("States.Timeout");
        }
    }

    @Test
    void executionTimeoutEndsTimedOut() throws InterruptedException {
        var time = new ManualTime();
        try (var manual = onManualTime(time)) {
            StateMachine machine = manual.load("Test", StatesJson.parse("""
                    {"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": true}}}
                    """), Map.of());

            Execution execution = manual.run(machine, "slow", StatesJson.object());

            assertThat(execution.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(execution.error()).contains("States.Timeout");
            assertThat(execution.history())
                    .last()
                    .extracting(HistoryEvent::type)
                    .isEqualTo("ExecutionTimedOut");
            assertThat(time.nanoTime()).isEqualTo(Duration.ofSeconds(1).toNanos());
        }
    }

    /** An engine whose timeouts, heartbeats and Wait states run on {@code time}. */
    private StepFunctions onManualTime(ManualTime time) {
        return StepFunctions.builder()
                .integrations(integrations)
                .timer(time)
                .sleeper(time)
                .build();
    }

    @Test
    void aRunningExecutionIsDescribedOnDiskFromTheStart(@TempDir Path home) throws InterruptedException {
        var entered = new CountDownLatch(1);
        integrations.register(new TestIntegration(WORK, request -> {
            entered.countDown();
            Thread.sleep(60_000);
            return request.input();
        }));
        try (var local = StepFunctions.builder()
                .integrations(integrations)
                .executionsDirectory(home)
                .build()) {
            Execution execution = local.start(
                    local.load("Described", StatesJson.parse("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}
                    """.formatted(WORK)), Map.of()),
                    "running",
                    StatesJson.parse("{\"a\": 1}"));
            assertThat(entered.await(2, TimeUnit.MINUTES)).isTrue();

            JsonNode running = StatesJson.read(home.resolve("running/execution.json"));
            execution.stop();
            execution.await();

            assertThat(running.get("status").asText()).isEqualTo("RUNNING");
            assertThat(running.get("input").asText()).isEqualTo("{\"a\":1}");
            assertThat(StatesJson.read(home.resolve("running/execution.json"))
                            .get("status")
                            .asText())
                    .isEqualTo("ABORTED");
        }
    }

    @Test
    void stopAbortsARunningExecution() throws InterruptedException {
        var entered = new CountDownLatch(1);
        integrations.register(new TestIntegration(WORK, request -> {
            entered.countDown();
            Thread.sleep(60_000);
            return request.input();
        }));
        Execution execution = engine.start(load("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true}}}
                """.formatted(WORK)), "stopped", StatesJson.object());
        assertThat(entered.await(2, TimeUnit.MINUTES)).isTrue();

        execution.stop();

        assertThat(execution.await(Duration.ofSeconds(5))).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(execution.history()).last().extracting(HistoryEvent::type).isEqualTo("ExecutionAborted");
    }

    @Test
    void failingParallelBranchStopsItsSibling() throws InterruptedException {
        var siblingEntered = new CountDownLatch(1);
        var siblingInterrupted = new CountDownLatch(1);
        integrations.register(new TestIntegration(WORK, request -> {
            siblingEntered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                siblingInterrupted.countDown();
                throw e;
            }
            return request.input();
        }));
        // The failing branch fails only once its sibling runs: failing first would cancel a sibling not yet started.
        integrations.register(new TestIntegration(FAIL, request -> {
            siblingEntered.await();
            throw new StatesFailure("Boom", "b");
        }));
        StateMachine machine = load("""
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "%s", "End": true}}},
                  {"StartAt": "Boom", "States": {"Boom": {"Type": "Task", "Resource": "%s", "End": true}}}]}}}
                """.formatted(WORK, FAIL));

        Execution execution = engine.run(machine, "parallel", StatesJson.object());

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).contains("Boom");
        assertThat(siblingInterrupted.await(2, TimeUnit.MINUTES))
                .as("the slow sibling is interrupted")
                .isTrue();
    }

    @Test
    void historyEventSequenceForTaskAndMap(@TempDir Path home) throws Exception {
        integrations.register(new TestIntegration(WORK, request -> StatesJson.parse("{\"items\": [1, 2]}")));
        try (var local = StepFunctions.builder()
                .integrations(integrations)
                .executionsDirectory(home)
                .build()) {
            StateMachine machine = local.load("History", StatesJson.parse("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "Next": "M"},
                      "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}
                    """.formatted(WORK)), Map.of());

            Execution execution = local.run(machine, "h1", StatesJson.object());

            assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.history())
                    .extracting(HistoryEvent::type)
                    .containsExactly(
                            "ExecutionStarted",
                            "TaskStateEntered",
                            "TaskScheduled",
                            "TaskStarted",
                            "TaskSucceeded",
                            "TaskStateExited",
                            "MapStateEntered",
                            "MapStateStarted",
                            "MapIterationStarted",
                            "PassStateEntered",
                            "PassStateExited",
                            "MapIterationSucceeded",
                            "MapIterationStarted",
                            "PassStateEntered",
                            "PassStateExited",
                            "MapIterationSucceeded",
                            "MapStateSucceeded",
                            "MapStateExited",
                            "ExecutionSucceeded");
            List<String> lines = Files.readAllLines(home.resolve("h1/history.jsonl"));
            assertThat(lines).hasSize(execution.history().size());
            JsonNode scheduled = StatesJson.parse(lines.get(2));
            assertThat(scheduled.get("id").asInt()).isEqualTo(3);
            assertThat(scheduled.get("previousEventId").asInt()).isEqualTo(2);
            assertThat(scheduled
                            .get("taskScheduledEventDetails")
                            .get("resourceType")
                            .asText())
                    .isEqualTo("lambda");
            assertThat(scheduled
                            .get("taskScheduledEventDetails")
                            .get("resource")
                            .asText())
                    .isEqualTo("invoke");
            assertThat(StatesJson.parse(lines.get(1))
                            .get("stateEnteredEventDetails")
                            .get("name")
                            .asText())
                    .isEqualTo("T");
            assertThat(StatesJson.read(home.resolve("h1/execution.json"))
                            .get("output")
                            .asText())
                    .isEqualTo("[1,2]");

            assertThatThrownBy(() -> local.start(machine, "h1", StatesJson.object()))
                    .isInstanceOf(ExecutionAlreadyExistsException.class)
                    .hasMessage(
                            "Cannot start execution arn:aws:states:local:000000000000:execution:History:h1: an execution of that name "
                                    + "already exists (" + home.resolve("h1") + "); choose another name");
        }
    }

    @Test
    void waitForTaskTokenPutsATokenInTheContext() throws InterruptedException {
        String resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
        integrations.register(new TestIntegration(resource, request -> {
            assertThat(request.resourceArn().pattern()).isEqualTo(ResourceArn.Pattern.WAIT_FOR_TASK_TOKEN);
            return StatesJson.parse(
                    "{\"token\": \"" + request.input().get("token").asText() + "\", \"same\": "
                            + request.taskToken()
                                    .orElseThrow()
                                    .equals(request.input().get("token").asText()) + "}");
        }));
        StateMachine machine = load("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}
                """.formatted(resource));

        Execution execution = engine.run(machine, "token", StatesJson.object());

        assertThat(execution.output().orElseThrow().get("same").asBoolean()).isTrue();
        assertThat(execution.output().orElseThrow().get("token").asText()).hasSizeGreaterThan(20);
    }

    @Test
    void listenersSeeStatesEnteredAndExited() throws InterruptedException {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var finished = new CountDownLatch(1);
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void onStateEntered(Execution execution, String stateName, StateType type) {
                seen.add("+" + stateName + ":" + type.aslName());
            }

            @Override
            public void onStateExited(Execution execution, String stateName, StateType type) {
                seen.add("-" + stateName);
            }

            @Override
            public void onFinished(Execution execution) {
                seen.add("end " + execution.status());
                finished.countDown();
            }
        };

        Execution execution = engine.run(load("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}
                """), "listened", StatesJson.object(), listener);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(finished.await(2, TimeUnit.MINUTES)).isTrue();
        assertThat(seen).containsExactly("+A:Pass", "-A", "+B:Succeed", "-B", "end SUCCEEDED");
    }

    @Test
    void fullJitterWaitsAtMostTheBackoffDelay() throws InterruptedException {
        var sleeper = new RecordingSleeper();
        var failing = new ScriptedIntegration(Map.of(WORK, List.of(StatesJson.parse("{\"Error\": \"Flaky\"}"))));
        try (var jittery = StepFunctions.builder()
                .integrations(new TaskIntegrations().register(failing))
                .sleeper(sleeper)
                .build()) {
            StateMachine machine = jittery.load("Jitter", StatesJson.parse("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true,
                      "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 4, "JitterStrategy": "FULL"}]}}}
                    """.formatted(WORK)), Map.of());

            Execution execution = jittery.run(machine, "jitter", StatesJson.object());

            assertThat(execution.error()).contains("Flaky");
            assertThat(sleeper.sleeps).hasSize(4);
            for (int attempt = 0; attempt < 4; attempt++) {
                assertThat(sleeper.sleeps.get(attempt)).isBetween(Duration.ZERO, Duration.ofSeconds(2L << attempt));
            }
            assertThat(failing.requests).hasSize(5);
            assertThat(failing.requests)
                    .extracting(
                            request -> request.context().at("/State/RetryCount").asInt())
                    .containsExactly(0, 1, 2, 3, 4);
        }
    }
}
