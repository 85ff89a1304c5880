package dev.lakepipe.cli.configs;

import picocli.CommandLine.Command;

/** {@code lakepipe configs}: validate pipeline config files and move them in and out of the config table. */
@Command(
        name = "configs",
        header =
                "Validate pipeline configs, plan their EMR steps, import them into and export them from the config table.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ConfigsValidateCommand.class,
            ConfigsImportCommand.class,
            ConfigsExportCommand.class,
            ConfigsPlanCommand.class
        })
public final class ConfigsCommand {}
