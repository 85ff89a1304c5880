package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A lambda-friendly integration for one resource. */
final class TestIntegration implements TaskIntegration {

    interface Body {
        JsonNode apply(TaskRequest request) throws Exception;
    }

    private final String resource;
    private final Body body;

    TestIntegration(String resource, Body body) {
        this.resource = resource;
        this.body = body;
    }

    @Override
    public boolean handles(String candidate) {
        return resource.equals(candidate);
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        try {
            return body.apply(request);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
