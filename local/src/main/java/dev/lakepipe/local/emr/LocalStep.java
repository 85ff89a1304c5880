package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.util.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One step of a local cluster and its life: PENDING → RUNNING → COMPLETED | FAILED | CANCELLED. */
final class LocalStep {

    enum State {
        PENDING,
        RUNNING,
        COMPLETED,
        FAILED,
        CANCELLED
    }

    /** EMR's FailureDetails of a failed step. */
    record FailureDetails(String reason, String message, String logFile) {
        FailureDetails {
            requireNonNull(reason, "reason is null");
            requireNonNull(message, "message is null");
            requireNonNull(logFile, "logFile is null");
        }
    }

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final String id;
    private final String name;
    private final String jar;
    private final List<String> args;
    private final String actionOnFailure;
    private final Instant createdAt = Instant.now();
    private volatile State state = State.PENDING;
    private volatile Instant startedAt;
    private volatile Instant endedAt;
    private volatile FailureDetails failure;

    LocalStep(String id, String name, String jar, List<String> args, String actionOnFailure) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.args = List.copyOf(args);
        this.actionOnFailure = requireNonNull(actionOnFailure, "actionOnFailure is null");
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    List<String> args() {
        return args;
    }

    String actionOnFailure() {
        return actionOnFailure;
    }

    State state() {
        return state;
    }

    void started() {
        startedAt = Instant.now();
        state = State.RUNNING;
    }

    void completed() {
        end(State.COMPLETED, null);
    }

    void failed(FailureDetails details) {
        end(State.FAILED, requireNonNull(details, "details is null"));
    }

    void cancelled() {
        end(State.CANCELLED, null);
    }

    private void end(State finalState, FailureDetails details) {
        failure = details;
        endedAt = Instant.now();
        state = finalState;
    }

    /** The DescribeStep response: {@code {"Step": {Id, Name, Config, ActionOnFailure, Status}}}. */
    ObjectNode describe() {
        ObjectNode response = MAPPER.createObjectNode();
        ObjectNode step = response.putObject("Step");
        step.put("Id", id);
        step.put("Name", name);
        ObjectNode config = step.putObject("Config");
        config.put("Jar", jar);
        config.putObject("Properties");
        args.forEach(config.putArray("Args")::add);
        step.put("ActionOnFailure", actionOnFailure);
        ObjectNode status = step.putObject("Status");
        status.put("State", state.name());
        status.putObject("StateChangeReason");
        if (failure != null) {
            ObjectNode details = status.putObject("FailureDetails");
            details.put("Reason", failure.reason());
            details.put("Message", failure.message());
            details.put("LogFile", failure.logFile());
        }
        ObjectNode timeline = status.putObject("Timeline");
        timeline.put("CreationDateTime", epochSeconds(createdAt));
        if (startedAt != null) {
            timeline.put("StartDateTime", epochSeconds(startedAt));
        }
        if (endedAt != null) {
            timeline.put("EndDateTime", epochSeconds(endedAt));
        }
        return response;
    }

    /** EMR's JSON timestamps: epoch seconds with milliseconds. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
