package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event log of one execution: numbers events, keeps them, appends them as JSON lines to
 * {@code <dir>/history.jsonl} (flushed per event, so a running execution can be followed) and
 * hands them to the listeners.
 */
final class ExecutionHistory implements AutoCloseable {

    static final String HISTORY_FILE = "history.jsonl";

    private final Clock clock;
    private final List<ExecutionListener> listeners;
    private final List<HistoryEvent> events = new ArrayList<>();
    private final BufferedWriter writer;
    private Execution execution;
    private boolean closed;

    ExecutionHistory(Clock clock, List<ExecutionListener> listeners, Optional<Path> directory) {
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.writer = directory.map(ExecutionHistory::open).orElse(null);
    }

    void attach(Execution execution) {
        this.execution = execution;
    }

    private static BufferedWriter open(Path directory) {
        try {
            Files.createDirectories(directory);
            return Files.newBufferedWriter(directory.resolve(HISTORY_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create execution history in " + directory, e);
        }
    }

    /** Records an event; returns its id. */
    long add(String type, ObjectNode details) {
        HistoryEvent event;
        synchronized (this) {
            long id = events.size() + 1;
            event = new HistoryEvent(id, id - 1, clock.instant(), type, details);
            events.add(event);
            // a stopped sibling may still report after the execution ended: keep it in memory only
            if (writer != null && !closed) {
                try {
                    writer.write(StatesJson.write(event.toJson()));
                    writer.newLine();
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to write the history of " + execution.arn(), e);
                }
            }
        }
        listeners.forEach(listener -> listener.onEvent(execution, event));
        return event.id();
    }

    void stateEntered(String name, StateType type) {
        listeners.forEach(listener -> listener.onStateEntered(execution, name, type));
    }

    void stateExited(String name, StateType type) {
        listeners.forEach(listener -> listener.onStateExited(execution, name, type));
    }

    void finished() {
        listeners.forEach(listener -> listener.onFinished(execution));
    }

    synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to close the history of " + execution.arn(), e);
            }
        }
    }
}
