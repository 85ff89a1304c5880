package dev.lakepipe.local.states;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionAlreadyExistsException;
import dev.lakepipe.asl.ExecutionListener;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.asl.StateMachine;
import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.launcher.ExecutionService;
import dev.lakepipe.launcher.LaunchRefusedException;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The launcher's {@link ExecutionService} on the local engine: starts executions of the pipeline machine
 * (each runs on the engine's worker threads) with the given listeners attached. Running executions are those this
 * process started and, with {@link ExecutionRecords}, those other live processes run on the same home, as ListExecutions
 * shows every caller's on AWS: two {@code lakepipe run} processes see each other's runs, so the launcher's concurrency
 * guard refuses a second run of a pipeline.
 */
public final class LocalExecutionService implements ExecutionService {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final StepFunctions engine;
    private final StateMachine machine;
    private final List<ExecutionListener> listeners;
    private final Map<String, Execution> started = new ConcurrentHashMap<>();
    private final Optional<ExecutionRecords> records;

    public LocalExecutionService(StepFunctions engine, StateMachine machine, List<ExecutionListener> listeners) {
        this(engine, machine, listeners, Optional.empty());
    }

    /** @param records the engine's executions folder, shared with other processes on the same home */
    public LocalExecutionService(
            StepFunctions engine,
            StateMachine machine,
            List<ExecutionListener> listeners,
            Optional<ExecutionRecords> records) {
        this.engine = requireNonNull(engine, "engine is null");
        this.machine = requireNonNull(machine, "machine is null");
        this.listeners = List.copyOf(listeners);
        this.records = requireNonNull(records, "records is null");
    }

    @Override
    public List<String> runningExecutionNames() {
        var names = new TreeSet<String>();
        started.values().stream()
                .filter(execution -> execution.status() == ExecutionStatus.RUNNING)
                .map(Execution::name)
                .forEach(names::add);
        records.ifPresent(shared -> names.addAll(shared.runningInOtherProcesses()));
        return List.copyOf(names);
    }

    @Override
    public String start(String executionName, String input) {
        try {
            Execution execution = engine.start(
                    machine, executionName, MAPPER.readTree(input), listeners.toArray(ExecutionListener[]::new));
            started.put(execution.arn(), execution);
            records.ifPresent(shared -> shared.claim(executionName));
            return execution.arn();
        } catch (ExecutionAlreadyExistsException e) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.CONCURRENT_EXECUTION,
                    "Cannot start execution %s of %s: an execution with that name already exists (launched twice in one second); launch again later",
                    executionName,
                    machine.arn());
        } catch (IOException e) {
            throw new LakepipeException(e, "Invalid execution input of %s: not JSON", executionName);
        }
    }

    public Optional<Execution> execution(String executionArn) {
        return Optional.ofNullable(started.get(executionArn));
    }
}
