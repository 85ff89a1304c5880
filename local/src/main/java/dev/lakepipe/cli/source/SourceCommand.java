package dev.lakepipe.cli.source;

import picocli.CommandLine.Command;

/**
 * {@code lakepipe source}: the TPC-C source database. Commands that need the database use the
 * embedded server another {@code lakepipe source start} runs for the same home, else start it
 * themselves for their own lifetime; {@code start} keeps it up in the foreground until stopped.
 */
@Command(
        name = "source",
        header = "Run the TPC-C source database (embedded PostgreSQL 16), load it and change it.",
        mixinStandardHelpOptions = true,
        subcommands = {
            SourceStartCommand.class,
            SourceStopCommand.class,
            SourceStatusCommand.class,
            SourceGenerateCommand.class,
            SourceWorkloadCommand.class,
            SourceCheckCommand.class,
        })
public final class SourceCommand {}
