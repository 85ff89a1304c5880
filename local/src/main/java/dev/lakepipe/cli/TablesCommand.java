package dev.lakepipe.cli;

import picocli.CommandLine.Command;

/** {@code lakepipe tables}: look at the lake's tables, reload them. */
@Command(
        name = "tables",
        mixinStandardHelpOptions = true,
        description = "Look at the lake's Hudi tables; reload them.",
        subcommands = {TablesDescribeCommand.class, TablesReloadCommand.class})
public final class TablesCommand {}
