package dev.lakepipe.cli.configs;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.OutputOptions;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.plan.ContinuousLifetime;
import dev.lakepipe.plan.PlanContext;
import dev.lakepipe.plan.StepPlanner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "plan",
        header = "Print the EMR steps a pipeline would run for a config file (EMR AddStep JSON).",
        mixinStandardHelpOptions = true,
        showDefaultValues = true)
final class ConfigsPlanCommand implements Callable<Integer> {

    @Mixin
    private OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSON array of config items of one identifier.")
    private Path file;

    @Option(
            names = "--pipeline",
            required = true,
            paramLabel = "NAME",
            description = "jdbc_load, seed_hudi, incremental_hudi, continuous_hudi or a custom pipeline's name.")
    private String pipeline;

    @Option(names = "--artifacts", paramLabel = "URI", description = "Artifacts bucket URI.")
    private String artifacts = "s3://lakepipe-artifacts";

    @Option(names = "--execution", paramLabel = "NAME", description = "Execution name (names the runtime snapshot).")
    private String execution = "example";

    @Override
    public Integer call() {
        try {
            var configs = ConfigReader.load(file);
            var context = new PlanContext(
                            artifacts + "/jars/emr-steps.jar",
                            artifacts + "/runtime/" + configs.identifier() + "/" + execution + ".json")
                    .withContinuousStopAt(Instant.now().plus(ContinuousLifetime.DEFAULT));
            var steps = StepPlanner.plan(configs, pipeline, context);
            output.out().print(StepPlanner.toAddStepsJson(steps));
            output.out().flush();
            return 0;
        } catch (LakepipeException e) {
            return output.fail(e);
        }
    }
}
