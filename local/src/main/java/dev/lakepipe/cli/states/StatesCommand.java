package dev.lakepipe.cli.states;

import picocli.CommandLine.Command;

/** {@code lakepipe states}: the local Step Functions runtime. */
@Command(
        name = "states",
        mixinStandardHelpOptions = true,
        description = "Run or validate Amazon States Language definitions locally.",
        subcommands = {StatesRunCommand.class, StatesValidateCommand.class})
public final class StatesCommand {}
