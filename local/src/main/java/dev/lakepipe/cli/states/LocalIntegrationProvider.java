package dev.lakepipe.cli.states;

import dev.lakepipe.asl.StepFunctions;

import java.nio.file.Path;

/**
 * Plugs local service integrations (EMR, DynamoDB, SNS, Lambda, nested executions) into the engine
 * that {@code lakepipe states run} and {@code lakepipe run} use. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.lakepipe.cli.states.LocalIntegrationProvider}.
 */
public interface LocalIntegrationProvider {

    /**
     * Registers integrations on {@code engine.integrations()}. The engine is passed whole so that a
     * {@code states:startExecution} integration can load and start nested machines on it.
     *
     * @param lakepipeHome the local state folder ({@code $LAKEPIPE_HOME})
     */
    void register(StepFunctions engine, Path lakepipeHome);
}
