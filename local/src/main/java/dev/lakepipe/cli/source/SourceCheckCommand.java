package dev.lakepipe.cli.source;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.OutputOptions;
import dev.lakepipe.cli.configs.ConfigTableOptions;
import dev.lakepipe.config.KeyStrategy;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import dev.lakepipe.dms.SourcePreflight;
import dev.lakepipe.tpcc.TpccSource;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        header = "Check the source against what the pipeline of an identifier needs (docs/operations.md)."
                + " Exit 0 when no error (warnings are printed), 1 when an error was found.")
public final class SourceCheckCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Mixin
    SourceOptions options;

    @Mixin
    private ConfigTableOptions tableOptions;

    @Option(names = "--identifier", required = true, paramLabel = "ID", description = "The identifier, e.g. tpcc.")
    private String identifier;

    @Override
    public Integer call() {
        try (var configTable = tableOptions.open();
                TpccSource source = options.builder().build();
                var connection = source.adminConnection()) {
            var items = configTable.table().load(identifier);
            if (items.isEmpty()) {
                throw new LakepipeException(
                        "No items for identifier %s in %s; check --identifier and --table, or import a file first",
                        identifier, configTable.location());
            }
            var tables = PipelineConfigs.fromStoredItems(items, identifier).enabledSystemSteps().stream()
                    .map(step -> new SourcePreflight.Table(
                            step.table().schema(),
                            step.table().table(),
                            step.hudiConfig().keyStrategy() == KeyStrategy.ALL_COLUMNS))
                    .toList();
            var settings = new SourcePreflight.Settings(
                    DmsPostgresSourceSettings.DEFAULT_SLOT_NAME,
                    source.sparkSecret().username(),
                    SourcePreflight.Settings.DEFAULT_LONG_TRANSACTION);
            var findings = SourcePreflight.check(connection, settings, tables);
            findings.forEach(finding -> output.out().println(finding));
            var errors = findings.stream()
                    .filter(finding -> finding.severity() == SourcePreflight.Severity.ERROR)
                    .count();
            output.out()
                    .printf(
                            "source check: %d tables, %d errors, %d warnings%n",
                            tables.size(), errors, findings.size() - errors);
            output.out().flush();
            return errors == 0 ? 0 : 1;
        } catch (SQLException e) {
            return output.fail(new LakepipeException(e, "Failed to connect to the source: %s", e.getMessage()));
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
