package dev.lakepipe.deploy;

/**
 * The SSM parameters the CDK app writes and the {@code lakepipe aws} commands read: one place for
 * both, under {@code /lakepipe/<use case>/}.
 */
public record SsmParameterNames(String useCase) {
    public SsmParameterNames {
        StackNames.requireValidUseCase(useCase);
    }

    /** The EventBridge rule that launches a scheduled pipeline. */
    public String rule(ScheduledPipeline pipeline) {
        return prefix() + "rules/" + pipeline.pipelineType();
    }

    /** The artifacts bucket name (jars, bootstrap, runtime snapshots). */
    public String artifactsBucket() {
        return prefix() + "buckets/artifacts";
    }

    /** The pipeline state machine ARN. */
    public String stateMachineArn() {
        return prefix() + "state-machine/pipeline";
    }

    private String prefix() {
        return "/lakepipe/" + useCase + "/";
    }

    /** The pipelines an EventBridge schedule launches. */
    public enum ScheduledPipeline {
        JDBC_LOAD("jdbc_load"),
        INCREMENTAL_HUDI("incremental_hudi");

        private final String pipelineType;

        ScheduledPipeline(String pipelineType) {
            this.pipelineType = pipelineType;
        }

        public String pipelineType() {
            return pipelineType;
        }
    }
}
