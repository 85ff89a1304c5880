package dev.lakepipe.cli.aws;

import picocli.CommandLine.Command;

/** {@code lakepipe aws}: operate a deployed stack with the AWS SDK (the counterpart of `make enable_*` / `make deploy`). */
@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description =
                "Operate a deployed lakepipe stack on AWS: check credentials, upload artifacts, enable schedules, check configs against the stack.",
        subcommands = {
            WhoAmICommand.class,
            UploadArtifactsCommand.class,
            EnableRuleCommand.class,
            CheckConfigsCommand.class
        })
public final class AwsCommand {}
