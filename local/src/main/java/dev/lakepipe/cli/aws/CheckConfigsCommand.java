package dev.lakepipe.cli.aws;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.ConfigValidator;
import dev.lakepipe.deploy.ConfigStackCheck;
import dev.lakepipe.deploy.StackDescription;
import dev.lakepipe.deploy.StackNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * {@code lakepipe aws check-configs FILE --use-case U}: does a config file name what the deployed stack created?
 * Reads the stack's outputs (CloudFormation DescribeStacks) and names each mismatch, as
 * {@code lakepipe configs validate --stack} does for a synthesized template.
 */
@Command(
        name = "check-configs",
        mixinStandardHelpOptions = true,
        description =
                "Check a config file against the deployed stack of --use-case: identifier, Spark secret, Glue database (exit 1 on a mismatch).")
public final class CheckConfigsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "JSON array of config items, e.g. pipeline-configs/tpcc.json")
    Path file;

    AwsCommandClients.Factory clientFactory = AwsCommandClients.DEFAULT;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (var clients = clientFactory.create(aws.region())) {
            var items = ConfigValidator.validate(ConfigReader.readItems(file)).itemsOrThrow(file.toString());
            var stack = describe(clients, new StackNames(aws.useCase).stackName());
            var mismatches = ConfigStackCheck.mismatches(items, stack);
            if (!mismatches.isEmpty()) {
                err.println(file + ": " + mismatches.size() + " mismatch(es) with stack " + stack.source());
                mismatches.forEach(mismatch -> err.println("  - " + mismatch));
                return 1;
            }
            out.println(file + ": matches stack " + stack.source());
            return 0;
        } catch (LakepipeException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static StackDescription describe(AwsCommandClients clients, String stackName) {
        try {
            var stacks = clients.cloudFormation()
                    .describeStacks(request -> request.stackName(stackName))
                    .stacks();
            var outputs = new LinkedHashMap<String, String>();
            stacks.forEach(
                    stack -> stack.outputs().forEach(output -> outputs.put(output.outputKey(), output.outputValue())));
            return StackDescription.fromOutputs(stackName, outputs);
        } catch (CloudFormationException e) {
            throw new LakepipeException(
                    e,
                    "Cannot read stack %s: %s; deploy it first (make deploy USE_CASE=...), and check --use-case and --region",
                    stackName,
                    e.awsErrorDetails() == null
                            ? e.getMessage()
                            : e.awsErrorDetails().errorMessage());
        } catch (SdkClientException e) {
            throw new LakepipeException(
                    e,
                    "Cannot read stack %s: %s; configure credentials with `aws configure`, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_REGION",
                    stackName,
                    AwsErrors.clientCause(e));
        }
    }
}
