package dev.lakepipe.launcher;

import java.util.List;

/** The pipeline state machine's executions: Step Functions on AWS, the local ASL runtime here. */
public interface ExecutionService {

    /** Names of the executions that are running now. */
    List<String> runningExecutionNames();

    /**
     * Starts an execution of the pipeline state machine.
     *
     * @param input the execution input JSON (see docs/orchestration.md)
     * @return the execution ARN
     */
    String start(String executionName, String input);
}
