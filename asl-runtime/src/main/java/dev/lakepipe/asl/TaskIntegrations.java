package dev.lakepipe.asl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry of integrations an engine dispatches Task states to. The first registered
 * integration that {@link TaskIntegration#handles handles} a resource runs it, so register the
 * more specific ones (canned results for tests) first.
 */
public final class TaskIntegrations {

    private final List<TaskIntegration> integrations = new CopyOnWriteArrayList<>();

    public TaskIntegrations register(TaskIntegration integration) {
        integrations.add(Objects.requireNonNull(integration, "integration is null"));
        return this;
    }

    public Optional<TaskIntegration> find(String resource) {
        return integrations.stream()
                .filter(integration -> integration.handles(resource))
                .findFirst();
    }

    public boolean handles(String resource) {
        return find(resource).isPresent();
    }
}
