package dev.lakepipe.asl;

/**
 * Thrown by a {@link TaskIntegration} when the task fails. Error and cause are what Step Functions
 * would report: e.g. {@code States.TaskFailed} with the EMR DescribeStep response as a JSON string
 * for a failed {@code addStep.sync}, or {@code SNS.NotFoundException} with the service message.
 */
public class TaskFailure extends StatesFailure {

    public TaskFailure(String error, String cause) {
        super(error, cause);
    }

    public TaskFailure(StatesError error, String cause) {
        super(error, cause);
    }

    /** The failure of a {@code .sync} job: {@code States.TaskFailed} with the job's final description. */
    public static TaskFailure taskFailed(String cause) {
        return new TaskFailure(StatesError.TASK_FAILED, cause);
    }
}
