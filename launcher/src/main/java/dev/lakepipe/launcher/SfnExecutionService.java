package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** The pipeline state machine on AWS Step Functions. */
public final class SfnExecutionService implements ExecutionService {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public SfnExecutionService(SfnClient sfn, String stateMachineArn) {
        this.sfn = requireNonNull(sfn, "sfn is null");
        this.stateMachineArn = requireNonNull(stateMachineArn, "stateMachineArn is null");
    }

    @Override
    public List<String> runningExecutionNames() {
        try {
            var names = new ArrayList<String>();
            String nextToken = null;
            do {
                ListExecutionsResponse page = sfn.listExecutions(ListExecutionsRequest.builder()
                        .stateMachineArn(stateMachineArn)
                        .statusFilter(ExecutionStatus.RUNNING)
                        .nextToken(nextToken)
                        .build());
                page.executions().stream().map(ExecutionListItem::name).forEach(names::add);
                nextToken = page.nextToken();
            } while (nextToken != null);
            return names;
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to list running executions of %s", stateMachineArn);
        }
    }

    @Override
    public String start(String executionName, String input) {
        try {
            return sfn.startExecution(StartExecutionRequest.builder()
                            .stateMachineArn(stateMachineArn)
                            .name(executionName)
                            .input(input)
                            .build())
                    .executionArn();
        } catch (ExecutionAlreadyExistsException e) {
            throw new LaunchRefusedException(
                    LaunchRefusedException.Reason.CONCURRENT_EXECUTION,
                    "Cannot start execution %s of %s: an execution with that name already exists (launched twice in one second); "
                            + "launch again later",
                    executionName,
                    stateMachineArn);
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to start execution %s of %s", executionName, stateMachineArn);
        }
    }
}
