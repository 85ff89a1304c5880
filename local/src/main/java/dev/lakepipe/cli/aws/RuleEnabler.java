package dev.lakepipe.cli.aws;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.deploy.SsmParameterNames;
import dev.lakepipe.deploy.SsmParameterNames.ScheduledPipeline;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Enables a schedule the CDK app created disabled: reads the rule name from SSM
 * ({@code /lakepipe/<use case>/rules/<pipeline>}), enables the EventBridge rule and checks its state.
 */
public final class RuleEnabler {
    private final AwsCommandClients clients;
    private final DeployedValues values;

    public RuleEnabler(AwsCommandClients clients) {
        this.clients = requireNonNull(clients, "clients is null");
        this.values = new DeployedValues(clients);
    }

    /** @return the enabled rule's name */
    public String enable(SsmParameterNames names, ScheduledPipeline pipeline) {
        var ruleName = values.read(names.rule(pipeline), "enable the %s schedule".formatted(pipeline.pipelineType()));
        try {
            clients.eventBridge()
                    .enableRule(EnableRuleRequest.builder().name(ruleName).build());
            var state = clients.eventBridge()
                    .describeRule(DescribeRuleRequest.builder().name(ruleName).build())
                    .state();
            if (state != RuleState.ENABLED) {
                throw new LakepipeException(
                        "Cannot enable rule %s: its state is %s after EnableRule; check it in the EventBridge console",
                        ruleName, state);
            }
            return ruleName;
        } catch (ResourceNotFoundException e) {
            throw new LakepipeException(
                    e,
                    "Cannot enable rule %s (named by SSM parameter %s): the rule does not exist; redeploy the stack with `make deploy`",
                    ruleName,
                    names.rule(pipeline));
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to enable rule %s: %s", ruleName, e.getMessage());
        }
    }
}
