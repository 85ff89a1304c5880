package dev.lakepipe.cli;

import dev.lakepipe.cli.aws.AwsCommand;
import dev.lakepipe.cli.cdc.CdcCommand;
import dev.lakepipe.cli.configs.ConfigsCommand;
import dev.lakepipe.cli.source.SourceCommand;
import dev.lakepipe.cli.states.StatesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lakepipe} command. Each subcommand is a thin class: parse, delegate to a service,
 * map the outcome to an exit code (0 ok, 1 failure, 2 usage).
 */
@Command(
        name = "lakepipe",
        mixinStandardHelpOptions = true,
        versionProvider = LakepipeVersion.class,
        header = "Keep an S3 data lake of Hudi tables in step with PostgreSQL; run every part locally.",
        subcommands = {
            CommandLine.HelpCommand.class,
            CdcCommand.class,
            ConfigsCommand.class,
            DemoCommand.class,
            VerifyCommand.class,
            SqlCommand.class,
            TablesCommand.class,
            SourceCommand.class,
            StatesCommand.class,
            RunCommand.class,
            ExecutionsCommand.class,
            ScheduleCommand.class,
            StatusCommand.class,
            AwsCommand.class,
        })
public final class LakepipeCli {

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        var commandLine = new CommandLine(new LakepipeCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
