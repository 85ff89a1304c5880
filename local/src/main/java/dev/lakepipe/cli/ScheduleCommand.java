package dev.lakepipe.cli;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.DurationConverter;
import dev.lakepipe.local.emr.StepProcesses;
import dev.lakepipe.local.schedule.PipelineSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "schedule",
        header =
                "Run the EventBridge schedules locally: jdbc_load every N and incremental_hudi every M, through the launcher,"
                        + " until stopped (Ctrl-C) or --duration has passed.",
        mixinStandardHelpOptions = true)
final class ScheduleCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Mixin
    private PipelineRuntimeOptions runtimeOptions;

    @Option(
            names = "--identifier",
            required = true,
            paramLabel = "ID",
            description = "The identifier to schedule, e.g. tpcc.")
    private String identifier;

    @Option(
            names = "--jdbc-load-every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Rate of the jdbc_load rule (default 7d, as deployed); 0 turns the rule off.")
    private Duration jdbcLoadEvery = Duration.ofDays(7);

    @Option(
            names = "--incremental-every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Rate of the incremental_hudi rule (default 2h, the IncrementalSchedule default); 0 turns it off.")
    private Duration incrementalEvery = Duration.ofHours(2);

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop after this long (default: run until interrupted).")
    private Duration duration;

    private final Function<PipelineRuntimeOptions, StepProcesses> stepProcesses;

    ScheduleCommand() {
        this(PipelineRuntimeOptions::stepProcesses);
    }

    /** For tests: how step JVMs are started. */
    ScheduleCommand(Function<PipelineRuntimeOptions, StepProcesses> stepProcesses) {
        this.stepProcesses = stepProcesses;
    }

    @Override
    public Integer call() {
        var rules = new ArrayList<PipelineSchedule.Rule>();
        if (!jdbcLoadEvery.isZero()) {
            rules.add(new PipelineSchedule.Rule("jdbc_load", jdbcLoadEvery));
        }
        if (!incrementalEvery.isZero()) {
            rules.add(new PipelineSchedule.Rule("incremental_hudi", incrementalEvery));
        }
        try (var configs = runtimeOptions.openConfigs()) {
            try (var runtime = runtimeOptions.openRuntime(configs, stepProcesses.apply(runtimeOptions), output.out())) {
                var schedule = new PipelineSchedule(identifier, rules, runtime::launch, output::info);
                var launched = schedule.run(Optional.ofNullable(duration));
                output.info("schedule stopped after " + launched.size()
                        + " launch(es); running executions are stopped and" + " their clusters terminated");
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.info("schedule interrupted");
            return 0;
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
