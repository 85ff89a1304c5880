package dev.lakepipe.cli.source;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.OutputOptions;
import dev.lakepipe.cli.configs.ConfigTableOptions;
import dev.lakepipe.config.PipelineConfigs;
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
                    .map(SourcePreflight.Table::of)
                    .toList();
            var report = SourcePreflight.report(
                    connection,
                    SourcePreflight.Settings.forSparkUser(source.sparkSecret().username()),
                    tables);
            report.lines().forEach(output.out()::println);
            output.out().flush();
            return report.errors().isEmpty() ? 0 : 1;
        } catch (SQLException e) {
            return output.fail(new LakepipeException(e, "Failed to connect to the source: %s", e.getMessage()));
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
