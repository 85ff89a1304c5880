package dev.lakepipe.cli.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.asl.StatesJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code states run} and {@code states validate} share. */
final class DefinitionOptions {

    @Parameters(
            index = "0",
            paramLabel = "DEFINITION.json",
            description = "ASL definition file (placeholders ${Key} allowed).")
    Path definition;

    @Option(
            names = "--substitute",
            paramLabel = "KEY=VALUE",
            description = "Value of a ${KEY} placeholder; repeatable.")
    Map<String, String> substitutions = new LinkedHashMap<>();

    @Option(
            names = "--task-result",
            paramLabel = "RESOURCE=FILE.json",
            description =
                    "Answer Task states with this Resource with the JSON in FILE (an {\"Error\",\"Cause\"} object fails the task); repeatable.")
    Map<String, Path> taskResults = new LinkedHashMap<>();

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Local state folder (default: $LAKEPIPE_HOME or .lakepipe).")
    Path home;

    Path home() {
        return home != null ? home : LocalStepFunctions.defaultHome();
    }

    JsonNode readDefinition() {
        return StatesJson.read(definition);
    }

    /** The state machine name: the file name without {@code .asl.json} / {@code .json}. */
    String machineName() {
        String file = definition.getFileName().toString();
        return file.replaceFirst("(\\.asl)?\\.json$", "").replaceAll("[^A-Za-z0-9_+=.@()!'-]", "-");
    }
}
