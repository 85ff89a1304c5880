package dev.lakepipe.cli.aws;

import dev.lakepipe.LakepipeException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakepipe aws whoami}: fail fast (exit 1, one clear line) when there are no usable AWS credentials. */
@Command(
        name = "whoami",
        mixinStandardHelpOptions = true,
        description = "Show the AWS account and principal of the current credentials.")
public final class WhoAmICommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--region", description = "AWS region (default: the SDK's region chain).")
    String region;

    AwsCommandClients.Factory clientFactory = AwsCommandClients.DEFAULT;

    @Override
    public Integer call() {
        try (var clients = clientFactory.create(Optional.ofNullable(region))) {
            spec.commandLine().getOut().println("AWS credentials: " + new CallerIdentity(clients).describe());
            return 0;
        } catch (LakepipeException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
