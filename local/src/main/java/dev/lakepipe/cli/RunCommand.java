package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.asl.Execution;
import dev.lakepipe.asl.ExecutionStatus;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.local.emr.StepProcesses;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        header =
                "Launch a pipeline locally (launcher → state machine → local EMR) and follow it and the pipelines it chains"
                        + " through next_pipeline; exits 0 only when the last execution SUCCEEDED.",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Mixin
    private PipelineRuntimeOptions runtimeOptions;

    @Parameters(
            index = "0",
            paramLabel = "PIPELINE",
            description = "jdbc_load, seed_hudi, incremental_hudi, continuous_hudi or a custom pipeline name.")
    private String pipeline;

    @Option(
            names = "--identifier",
            required = true,
            paramLabel = "ID",
            description = "The identifier whose configs to run, e.g. tpcc.")
    private String identifier;

    private final Function<PipelineRuntimeOptions, StepProcesses> stepProcesses;

    RunCommand() {
        this(PipelineRuntimeOptions::stepProcesses);
    }

    /** For tests: how step JVMs are started. */
    RunCommand(Function<PipelineRuntimeOptions, StepProcesses> stepProcesses) {
        this.stepProcesses = stepProcesses;
    }

    @Override
    public Integer call() {
        return runChain(
                runtimeOptions, stepProcesses.apply(runtimeOptions), output, LaunchRequest.of(identifier, pipeline));
    }

    /**
     * Launches {@code request} and follows it and the pipelines it chains; prints each execution's status. Exit code: 0
     * when the last execution SUCCEEDED, else 1 (the error and where to look are printed).
     */
    static int runChain(
            PipelineRuntimeOptions runtimeOptions, StepProcesses steps, OutputOptions output, LaunchRequest request) {
        try (var configs = runtimeOptions.openConfigs()) {
            try (var runtime = runtimeOptions.openRuntime(configs, steps, output.out())) {
                List<Execution> chain = runtime.runChain(request);
                output.info("");
                chain.forEach(
                        execution -> output.info(String.format("%-45s %s", execution.name(), execution.status())));
                Execution last = chain.get(chain.size() - 1);
                if (last.status() != ExecutionStatus.SUCCEEDED) {
                    output.error("Execution " + last.name() + " " + last.status() + ": "
                            + last.error().orElse("")
                            + last.cause().map(cause -> " - " + cause).orElse("")
                            + "; see `lakepipe executions history " + last.name() + "` and "
                            + runtime.outbox().file());
                    return 1;
                }
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.error("Interrupted: the running executions were stopped and their clusters terminated");
            return 1;
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
