package dev.lakepipe.cli;

import picocli.CommandLine.Command;

/** {@code lakepipe tables}: look at the lake's tables. */
@Command(
        name = "tables",
        mixinStandardHelpOptions = true,
        description = "Look at the lake's Hudi tables.",
        subcommands = TablesDescribeCommand.class)
public final class TablesCommand {}
