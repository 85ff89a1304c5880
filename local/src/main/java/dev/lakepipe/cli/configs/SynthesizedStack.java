package dev.lakepipe.cli.configs;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.deploy.StackDescription;
import dev.lakepipe.deploy.StackOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A synthesized lakepipe stack read from its template file or from the cdk.out folder holding it. */
final class SynthesizedStack {
    private static final String TEMPLATE_SUFFIX = ".template.json";

    private SynthesizedStack() {}

    static StackDescription read(Path templateOrAssembly) {
        var template =
                Files.isDirectory(templateOrAssembly) ? onlyLakepipeTemplate(templateOrAssembly) : templateOrAssembly;
        try {
            return StackDescription.fromTemplate(
                    template.toString(), ConfigReader.mapper().readTree(template.toFile()));
        } catch (IOException e) {
            throw new LakepipeException(
                    e, "Failed to read stack template %s: %s; run make synth first", template, e.getMessage());
        }
    }

    private static Path onlyLakepipeTemplate(Path assembly) {
        try (Stream<Path> files = Files.list(assembly)) {
            var templates = files.filter(file -> file.getFileName().toString().endsWith(TEMPLATE_SUFFIX))
                    .filter(SynthesizedStack::isLakepipeTemplate)
                    .sorted()
                    .toList();
            if (templates.size() != 1) {
                throw new LakepipeException(
                        "Invalid --stack %s: expected one lakepipe *%s in it, found %s; pass the template file itself",
                        assembly,
                        TEMPLATE_SUFFIX,
                        templates.stream().map(Path::getFileName).toList());
            }
            return templates.get(0);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list %s: %s", assembly, e.getMessage());
        }
    }

    private static boolean isLakepipeTemplate(Path template) {
        try {
            return ConfigReader.mapper()
                    .readTree(template.toFile())
                    .path("Outputs")
                    .has(StackOutput.USE_CASE.key());
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read stack template %s: %s", template, e.getMessage());
        }
    }
}
