package dev.lakepipe.cli.aws;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.deploy.SsmParameterNames.ScheduledPipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakepipe aws enable-rule --rule jdbc|incremental --use-case U}: enable a schedule the stack created disabled. */
@Command(
        name = "enable-rule",
        mixinStandardHelpOptions = true,
        description =
                "Enable the jdbc_load (weekly full load) or incremental_hudi EventBridge schedule; the rule name is read from SSM.")
public final class EnableRuleCommand implements Callable<Integer> {

    /** The schedules, by the names the Makefile targets use. */
    public enum Rule {
        JDBC(ScheduledPipeline.JDBC_LOAD),
        INCREMENTAL(ScheduledPipeline.INCREMENTAL_HUDI);

        private final ScheduledPipeline pipeline;

        Rule(ScheduledPipeline pipeline) {
            this.pipeline = pipeline;
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--rule", required = true, description = "jdbc or incremental.")
    Rule rule;

    AwsCommandClients.Factory clientFactory = AwsCommandClients.DEFAULT;

    @Override
    public Integer call() {
        try (var clients = clientFactory.create(aws.region())) {
            var ruleName = new RuleEnabler(clients).enable(aws.parameterNames(), rule.pipeline);
            spec.commandLine()
                    .getOut()
                    .printf("Enabled the %s schedule: EventBridge rule %s%n", rule.pipeline.pipelineType(), ruleName);
            return 0;
        } catch (LakepipeException | IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
