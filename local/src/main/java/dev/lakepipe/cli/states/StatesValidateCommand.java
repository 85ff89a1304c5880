package dev.lakepipe.cli.states;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.asl.StepFunctions;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lakepipe states validate DEFINITION.json}: loads the definition as {@code states run} would
 * (substitutions, registered integrations, {@code --task-result} resources) without running it.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check an ASL definition: structure, paths, intrinsics, transitions, resources, placeholders.")
public final class StatesValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DefinitionOptions options = new DefinitionOptions();

    @Override
    public Integer call() {
        try (StepFunctions engine = LocalStepFunctions.create(options.home(), options.taskResults)) {
            engine.load(options.machineName(), options.readDefinition(), options.substitutions);
            spec.commandLine().getOut().printf("State machine definition %s is valid%n", options.definition);
            return 0;
        } catch (LakepipeException | IllegalArgumentException | UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
