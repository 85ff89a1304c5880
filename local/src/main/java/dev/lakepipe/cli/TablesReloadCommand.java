package dev.lakepipe.cli;

import dev.lakepipe.config.PipelineType;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.local.emr.StepProcesses;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lakepipe tables reload T --identifier I}: the launcher event {@code {"identifier": I, "pipeline": "jdbc_load",
 * "tables": [T]}} that AWS runs for a reload, run locally: jdbc_load under a fresh snapshot, then seed_hudi, which
 * replaces the silver rows in one commit, then the pipelines they chain, all for these tables only
 * (docs/operations.md, "Reloading one table").
 */
@Command(
        name = "reload",
        header =
                "Reload tables while CDC keeps running: jdbc_load under a fresh snapshot, seed_hudi replacing the silver"
                        + " rows in one commit, then the chained pipelines, for these tables only; exits 0 only when the last"
                        + " execution SUCCEEDED.",
        mixinStandardHelpOptions = true)
final class TablesReloadCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Mixin
    private PipelineRuntimeOptions runtimeOptions;

    @Parameters(
            arity = "1..*",
            paramLabel = "SCHEMA.TABLE",
            description = "The source tables to reload, as in step::system::<schema.table>, e.g. public.orders.")
    private List<String> tables;

    @Option(
            names = "--identifier",
            required = true,
            paramLabel = "ID",
            description = "The identifier whose configs hold the tables, e.g. tpcc.")
    private String identifier;

    private final Function<PipelineRuntimeOptions, StepProcesses> stepProcesses;

    TablesReloadCommand() {
        this(PipelineRuntimeOptions::stepProcesses);
    }

    /** For tests: how step JVMs are started. */
    TablesReloadCommand(Function<PipelineRuntimeOptions, StepProcesses> stepProcesses) {
        this.stepProcesses = stepProcesses;
    }

    @Override
    public Integer call() {
        var request = LaunchRequest.of(identifier, PipelineType.JDBC_LOAD.configName())
                .withTables(tables);
        return RunCommand.runChain(runtimeOptions, stepProcesses.apply(runtimeOptions), output, request);
    }
}
