package dev.lakepipe.cli.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionListener;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.asl.StateMachine;
import dev.lakepipe.asl.StateType;
import dev.lakepipe.asl.StatesJson;
import dev.lakepipe.asl.StepFunctions;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakepipe states run DEFINITION.json --input INPUT.json}: prints the output JSON on stdout and
 * exits 0 when the execution SUCCEEDED; otherwise prints the status, error and cause on stderr and exits 1.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run an ASL definition locally; print its output (exit 0 only when SUCCEEDED).")
public final class StatesRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DefinitionOptions options = new DefinitionOptions();

    @Option(names = "--input", paramLabel = "INPUT.json", description = "Execution input (default: {}).")
    Path input;

    @Option(names = "--name", paramLabel = "NAME", description = "Execution name (default: a random UUID).")
    String name;

    @Option(names = "--verbose", description = "Print each state entered and left on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StepFunctions engine = LocalStepFunctions.create(options.home(), options.taskResults)) {
            StateMachine machine = engine.load(options.machineName(), options.readDefinition(), options.substitutions);
            JsonNode executionInput = input == null ? StatesJson.object() : StatesJson.read(input);
            ExecutionListener listener = verbose ? progress(err) : new ExecutionListener() {};
            Execution execution = name == null
                    ? engine.start(machine, executionInput, listener)
                    : engine.start(machine, name, executionInput, listener);
            execution.await();
            if (execution.status() == ExecutionStatus.SUCCEEDED) {
                out.println(StatesJson.writePretty(execution.output().orElseThrow()));
                return 0;
            }
            err.printf("Execution %s %s%n", execution.arn(), execution.status());
            execution.error().ifPresent(error -> err.println("Error: " + error));
            execution.cause().ifPresent(cause -> err.println("Cause: " + cause));
            return 1;
        } catch (LakepipeException | IllegalArgumentException | UncheckedIOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static ExecutionListener progress(PrintWriter err) {
        return new ExecutionListener() {
            @Override
            public void onStateEntered(Execution execution, String stateName, StateType type) {
                synchronized (err) {
                    err.printf("-> %s (%s)%n", stateName, type.aslName());
                    err.flush();
                }
            }

            @Override
            public void onStateExited(Execution execution, String stateName, StateType type) {
                synchronized (err) {
                    err.printf("<- %s%n", stateName);
                    err.flush();
                }
            }
        };
    }
}
