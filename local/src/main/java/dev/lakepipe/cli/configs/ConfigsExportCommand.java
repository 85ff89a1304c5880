package dev.lakepipe.cli.configs;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.OutputOptions;
import dev.lakepipe.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "export",
        header = "Print an identifier's items from the config table as a JSON array (the import format).",
        mixinStandardHelpOptions = true)
final class ConfigsExportCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Mixin
    private ConfigTableOptions tableOptions;

    @Option(
            names = "--identifier",
            required = true,
            paramLabel = "ID",
            description = "Identifier whose items to export, e.g. tpcc.")
    private String identifier;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write to FILE instead of standard output.")
    private Path outputFile;

    @Override
    public Integer call() {
        try (var connection = tableOptions.open()) {
            var items = connection.table().load(identifier);
            if (items.isEmpty()) {
                output.error("No items for identifier " + identifier + " in " + tableOptions.table
                        + "; check --identifier" + " and --table, or import a file first");
                return 1;
            }
            var json = ConfigReader.toJson(items);
            if (outputFile == null) {
                output.out().print(json);
                output.out().flush();
            } else {
                Files.writeString(outputFile, json);
                output.info("Exported " + items.size() + " items of " + identifier + " to " + outputFile);
            }
            return 0;
        } catch (IOException e) {
            return output.fail(new LakepipeException(e, "Failed to write export to %s", outputFile));
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
