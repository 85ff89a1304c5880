package dev.lakepipe.cli.configs;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.OutputOptions;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.ConfigValidator;
import dev.lakepipe.local.dynamodb.ConfigImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        header = "Validate a config file and write its new and changed items to the config table.",
        description = {
            "Idempotent: items equal to the stored ones are not written; stored items missing from the file"
                    + " are kept. --dry-run prints the diff (+ add, ~ change, = unchanged, ! only stored) and writes nothing."
        },
        mixinStandardHelpOptions = true)
final class ConfigsImportCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Mixin
    private ConfigTableOptions tableOptions;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSON array of config items.")
    private Path file;

    @Option(names = "--dry-run", description = "Show what would change; write nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        try {
            var items = ConfigReader.readItems(file);
            var report = ConfigValidator.validate(items);
            if (!report.isValid()) {
                return ConfigsValidateCommand.reportProblems(output, file, report, "; nothing imported");
            }
            try (var connection = tableOptions.open()) {
                var table = connection.table();
                if (dryRun) {
                    output.info("Dry run against " + table.tableName() + " in " + connection.location() + ":");
                    new ConfigImport(table).diff(items).render().forEach(output::info);
                    return 0;
                }
                var diff = new ConfigImport(table).importItems(items);
                output.info(String.format(
                        "Imported %s into %s in %s: %d added, %d changed, %d unchanged",
                        file,
                        table.tableName(),
                        connection.location(),
                        diff.added().size(),
                        diff.changed().size(),
                        diff.unchanged().size()));
                return 0;
            }
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
