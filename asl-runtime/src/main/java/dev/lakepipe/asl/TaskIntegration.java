package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service integration: what a Task state's {@code Resource} runs. This is the SPI the local
 * integrations (EMR, DynamoDB, SNS, Lambda, nested executions) implement.
 *
 * <p>{@link #invoke} receives the task's effective input (after InputPath and Parameters) and
 * returns the raw result, which the runtime then passes through ResultSelector, ResultPath and
 * OutputPath. Return the same shape the cloud returns (e.g. the {@code Payload} envelope of
 * {@code lambda:invoke}) so the definitions behave the same here and on AWS.
 *
 * <p>Failures: throw {@link TaskFailure} with the error name and cause Step Functions would report
 * ({@code States.TaskFailed} plus the Describe* JSON for a failed {@code .sync} job, or the service
 * error such as {@code SNS.NotFoundException}). Any other exception fails the task with
 * {@code States.TaskFailed} and the exception text as cause. Implementations run on the execution's
 * worker threads, possibly concurrently (Map, Parallel), so they must be thread-safe; when the state
 * times out or the execution stops, the calling thread is interrupted: stop promptly.
 */
public interface TaskIntegration {

    /** Whether this integration runs {@code resource}, e.g. {@code arn:aws:states:::sns:publish}. */
    boolean handles(String resource);

    JsonNode invoke(TaskRequest request) throws TaskFailure;
}
