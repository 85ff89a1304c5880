package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One local "cluster": a name, the RunJobFlow request it was created from, and at most
 * {@code StepConcurrencyLevel} steps running at once. Terminating it cancels pending steps and
 * interrupts (kills) running ones.
 */
public final class LocalCluster {

    /** The cluster states this runtime uses (EMR's names). */
    public enum State {
        WAITING,
        RUNNING,
        TERMINATED
    }

    private final String id;
    private final String name;
    private final JsonNode request;
    private final Semaphore slots;
    private final int stepConcurrency;
    private final List<LocalStep> steps = new ArrayList<>();
    private final Set<Thread> stepThreads = ConcurrentHashMap.newKeySet();
    private boolean terminated;

    LocalCluster(String id, String name, JsonNode request, int stepConcurrency) {
        this.id = requireNonNull(id, "id is null");
        this.name = requireNonNull(name, "name is null");
        this.request = requireNonNull(request, "request is null").deepCopy();
        this.stepConcurrency = stepConcurrency;
        this.slots = new Semaphore(stepConcurrency, true);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The RunJobFlow request as the state machine sent it (roles, fleets, bootstrap, tags). */
    public JsonNode request() {
        return request.deepCopy();
    }

    public int stepConcurrency() {
        return stepConcurrency;
    }

    public synchronized State state() {
        if (terminated) {
            return State.TERMINATED;
        }
        return steps.stream().anyMatch(step -> step.state() == LocalStep.State.RUNNING) ? State.RUNNING : State.WAITING;
    }

    /** Each step's DescribeStep response, in the order they were added. */
    public synchronized List<JsonNode> describeSteps() {
        return steps.stream().map(step -> (JsonNode) step.describe()).toList();
    }

    synchronized LocalStep add(LocalStep step) {
        if (terminated) {
            throw LocalEmrException.invalidRequest(
                    "Cannot add step %s to cluster %s: the cluster is terminated; create a new cluster",
                    step.name(), id);
        }
        steps.add(step);
        return step;
    }

    /** Waits for a free step slot; false when the cluster was terminated meanwhile. */
    boolean acquireSlot() throws InterruptedException {
        slots.acquire();
        synchronized (this) {
            if (terminated) {
                slots.release();
                return false;
            }
            stepThreads.add(Thread.currentThread());
            return true;
        }
    }

    void releaseSlot() {
        stepThreads.remove(Thread.currentThread());
        slots.release();
    }

    /** Marks the cluster terminated and interrupts its running steps; false when it already was. */
    boolean terminate() {
        synchronized (this) {
            if (terminated) {
                return false;
            }
            terminated = true;
        }
        stepThreads.forEach(Thread::interrupt);
        // Wake every step waiting for a slot so it sees the termination and cancels.
        slots.release(Math.max(1, steps.size()));
        return true;
    }
}
