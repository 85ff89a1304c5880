package dev.lakepipe.cli.aws;

import dev.lakepipe.deploy.SsmParameterNames;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every {@code lakepipe aws} command shares: which deployment, which region. */
public final class AwsOptions {
    @Option(
            names = "--use-case",
            required = true,
            description = "UseCase the stack was deployed with (names /lakepipe/<use case>/ in SSM).")
    String useCase;

    @Option(
            names = "--region",
            description = "AWS region (default: the SDK's region chain, e.g. AWS_REGION or the profile).")
    String region;

    SsmParameterNames parameterNames() {
        return new SsmParameterNames(useCase);
    }

    Optional<String> region() {
        return Optional.ofNullable(region).filter(value -> !value.isBlank());
    }
}
