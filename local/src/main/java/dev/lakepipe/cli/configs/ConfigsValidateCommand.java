package dev.lakepipe.cli.configs;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.OutputOptions;
import dev.lakepipe.config.ConfigItem;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.config.ConfigValidator;
import dev.lakepipe.config.ValidationReport;
import dev.lakepipe.deploy.ConfigStackCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "validate",
        header = "Check a config file and report every problem at once.",
        description = {
            "Exit code 0 when the file is valid, 1 when it is not (each problem names item, field and fix).",
            "With --stack, also checks the file against a synthesized stack: the identifier its schedules launch, the Spark secret"
                    + " and the Glue database it creates (docs/deployment.md)."
        },
        mixinStandardHelpOptions = true)
final class ConfigsValidateCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "JSON array of config items, e.g. pipeline-configs/tpcc.json")
    private Path file;

    @Option(
            names = "--stack",
            paramLabel = "TEMPLATE",
            description = "A synthesized stack: its *.template.json, or the cdk.out folder holding it (make synth).")
    private Path stack;

    @Override
    public Integer call() {
        try {
            var report = ConfigValidator.validate(ConfigReader.readItems(file));
            if (!report.isValid()) {
                return reportProblems(output, file, report, "");
            }
            if (stack != null) {
                var description = SynthesizedStack.read(stack);
                var mismatches = ConfigStackCheck.mismatches(report.items(), description);
                if (!mismatches.isEmpty()) {
                    output.error(file + ": " + mismatches.size() + " mismatch(es) with stack " + description.source());
                    mismatches.forEach(mismatch -> output.error("  - " + mismatch));
                    return 1;
                }
                output.info(file + ": matches stack " + description.source());
            }
            var identifiers = report.items().stream()
                    .map(ConfigItem::identifier)
                    .distinct()
                    .toList();
            output.info(file + ": valid, " + report.items().size() + " items for " + String.join(", ", identifiers));
            report.items().forEach(item -> output.detail("  " + item.identifier() + " " + item.key()));
            return 0;
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }

    /** Prints every problem, one a line, under a header naming the file; returns exit code 1. */
    static int reportProblems(OutputOptions output, Path file, ValidationReport report, String consequence) {
        output.error(file + ": " + report.problems().size() + " problem(s)" + consequence);
        report.problems().forEach(problem -> output.error("  - " + problem));
        return 1;
    }
}
