package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code state-machines/<name>.asl.json} file: its text, deployed unchanged, and the
 * {@code ${Placeholder}} names Step Functions substitutes at deployment (DefinitionSubstitutions).
 */
public record StateMachineDefinition(String name, Path file, String text, Set<String> placeholders) {
    static final String SUFFIX = ".asl.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    public StateMachineDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(text, "text is null");
        placeholders = Set.copyOf(placeholders);
    }

    /** Every {@code *.asl.json} in {@code directory}, sorted by name. */
    public static List<StateMachineDefinition> readAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .map(StateMachineDefinition::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list state machines in " + directory, e);
        }
    }

    public static StateMachineDefinition read(Path file) {
        try {
            var text = Files.readString(file, StandardCharsets.UTF_8);
            var fileName = file.getFileName().toString();
            return new StateMachineDefinition(
                    fileName.substring(0, fileName.length() - SUFFIX.length()), file, text, placeholders(text));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read state machine " + file, e);
        }
    }

    static Set<String> placeholders(String text) {
        var names = new LinkedHashSet<String>();
        var matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Fails on a placeholder the CDK app does not provide, naming the file, the placeholder and the fix. */
    public void requireKnownPlaceholders(Collection<String> provided) {
        var unknown = placeholders.stream()
                .filter(name -> !provided.contains(name))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new LakepipeException(
                    "Invalid placeholder%s %s in state machine %s: the CDK app provides only %s; rename the placeholder or add it to Pipeline.substitutions",
                    unknown.size() == 1 ? "" : "s",
                    unknown.stream().map(name -> "${" + name + "}").toList(),
                    file,
                    provided.stream().sorted().toList());
        }
    }

    /** {@code pipeline} → {@code Pipeline}, {@code continuous-hudi} → {@code ContinuousHudi}. */
    public String title() {
        return title(name);
    }

    static String title(String name) {
        var builder = new StringBuilder();
        for (var part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                builder.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return builder.toString();
    }
}
