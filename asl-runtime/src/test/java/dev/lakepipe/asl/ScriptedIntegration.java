package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test integration: {@code arn:aws:lambda:local:000000000000:function:echo} returns its input; any
 * other scripted resource answers its outcomes in order (the last one repeats). An outcome
 * {@code {"Error": ..., "Cause": ...}} fails the task. Records every request.
 */
final class ScriptedIntegration implements TaskIntegration {

    static final String ECHO = "arn:aws:lambda:local:000000000000:function:echo";

    private final Map<String, List<JsonNode>> scripts;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<TaskRequest> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedIntegration(Map<String, List<JsonNode>> scripts) {
        this.scripts = Map.copyOf(scripts);
    }

    @Override
    public boolean handles(String resource) {
        return resource.equals(ECHO) || scripts.containsKey(resource);
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        requests.add(request);
        if (request.resource().equals(ECHO)) {
            return request.input();
        }
        List<JsonNode> outcomes = scripts.get(request.resource());
        int call = calls.computeIfAbsent(request.resource(), key -> new AtomicInteger())
                .getAndIncrement();
        JsonNode outcome = outcomes.get(Math.min(call, outcomes.size() - 1));
        return new CannedResults(Map.of(request.resource(), outcome)).invoke(request);
    }
}
