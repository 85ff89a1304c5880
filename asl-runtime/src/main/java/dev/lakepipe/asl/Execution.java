package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running or finished execution. Thread-safe; {@link #await()} blocks until it ends.
 */
public final class Execution {

    private final String arn;
    private final String name;
    private final StateMachine stateMachine;
    private final JsonNode input;
    private final Instant startDate;
    private final ExecutionHistory history;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread runner;
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile ExecutionStatus stopRequest;
    private volatile JsonNode output;
    private volatile String error;
    private volatile String cause;
    private volatile Instant stopDate;

    Execution(
            String arn,
            String name,
            StateMachine stateMachine,
            JsonNode input,
            Instant startDate,
            ExecutionHistory history) {
        this.arn = requireNonNull(arn, "arn is null");
        this.name = requireNonNull(name, "name is null");
        this.stateMachine = requireNonNull(stateMachine, "stateMachine is null");
        this.input = requireNonNull(input, "input is null");
        this.startDate = requireNonNull(startDate, "startDate is null");
        this.history = requireNonNull(history, "history is null");
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    public JsonNode input() {
        return input;
    }

    public Instant startDate() {
        return startDate;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** The output of a SUCCEEDED execution. */
    public Optional<JsonNode> output() {
        return Optional.ofNullable(output);
    }

    /** The error name of a FAILED, TIMED_OUT or ABORTED execution. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    public Optional<Instant> stopDate() {
        return Optional.ofNullable(stopDate);
    }

    public List<HistoryEvent> history() {
        return history.events();
    }

    /** Waits for the execution to end and returns its final status. */
    public ExecutionStatus await() throws InterruptedException {
        finished.await();
        return status;
    }

    /** Waits at most {@code timeout}; returns the status (RUNNING if still running). */
    public ExecutionStatus await(Duration timeout) throws InterruptedException {
        finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return status;
    }

    /** StopExecution: ends a running execution as ABORTED (no effect once it has ended). */
    public void stop() {
        requestStop(ExecutionStatus.ABORTED);
    }

    synchronized void requestStop(ExecutionStatus reason) {
        if (status == ExecutionStatus.RUNNING && stopRequest == null) {
            stopRequest = reason;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    Optional<ExecutionStatus> stopRequest() {
        return Optional.ofNullable(stopRequest);
    }

    /** The thread interpreting the execution: a stop interrupts it, also one requested before it started. */
    synchronized void runsOn(Thread thread) {
        runner = thread;
        if (stopRequest != null) {
            thread.interrupt();
        }
    }

    /** The interpretation is over: a later stop interrupts nothing (the pooled thread may run something else). */
    synchronized void runEnded() {
        runner = null;
    }

    synchronized void finish(
            ExecutionStatus finalStatus, JsonNode output, String error, String cause, Instant stopDate) {
        if (status != ExecutionStatus.RUNNING) {
            return;
        }
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.stopDate = stopDate;
        this.status = finalStatus;
    }

    /** Wakes up {@link #await()} callers once everything about the end has been recorded. */
    void release() {
        finished.countDown();
    }

    /** The DescribeExecution shape; {@code input}/{@code output} are JSON strings as on AWS. */
    public ObjectNode describe() {
        ObjectNode json = StatesJson.object();
        json.put("executionArn", arn);
        json.put("stateMachineArn", stateMachine.arn());
        json.put("name", name);
        json.put("status", status.name());
        json.put("startDate", Timestamps.format(startDate));
        stopDate().ifPresent(date -> json.put("stopDate", Timestamps.format(date)));
        json.put("input", StatesJson.write(input));
        output().ifPresent(value -> json.put("output", StatesJson.write(value)));
        error().ifPresent(value -> json.put("error", value));
        cause().ifPresent(value -> json.put("cause", value));
        return json;
    }

    @Override
    public String toString() {
        return arn + " " + status;
    }
}
