package dev.lakepipe.cli.states;

import dev.lakepipe.asl.StepFunctions;
import dev.lakepipe.asl.TaskIntegration;
import dev.lakepipe.asl.TaskRequest;

import java.nio.file.Path;

/** Registered through META-INF/services in the test class path: proves the CLI discovers providers. */
public final class EchoProvider implements LocalIntegrationProvider {

    static final String RESOURCE = "arn:aws:states:::test:echo";

    @Override
    public void register(StepFunctions engine, Path lakepipeHome) {
        engine.integrations().register(new TaskIntegration() {
            @Override
            public boolean handles(String resource) {
                return RESOURCE.equals(resource);
            }

            @Override
            public com.fasterxml.jackson.databind.JsonNode invoke(TaskRequest request) {
                var result = request.input().deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) result).put("home", lakepipeHome.getFileName().toString());
                return result;
            }
        });
    }
}
