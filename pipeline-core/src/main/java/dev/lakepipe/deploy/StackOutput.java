package dev.lakepipe.deploy;

/**
 * The CloudFormation outputs the CDK app gives its stack: the names a config must match, readable from a
 * synthesized template ({@code Outputs}) or a deployed stack (DescribeStacks), see {@link StackDescription}.
 */
public enum StackOutput {
    USE_CASE("UseCase"),
    /** The config identifier the schedules launch. */
    CONFIG_IDENTIFIER("ConfigIdentifier"),
    /** {@link StackNames#sparkSecret()}: database::config.secret. */
    SPARK_SECRET("SparkSecretName"),
    /** {@link StackNames#glueDatabase()}: database::config.target_db_name. */
    GLUE_DATABASE("GlueDatabaseName"),
    /** The source database (CDK DbName): the secrets' dbname, the DMS endpoint's database and its folder. */
    SOURCE_DATABASE("SourceDatabaseName");

    private final String key;

    StackOutput(String key) {
        this.key = key;
    }

    /** The output's logical id in the template and its OutputKey in DescribeStacks. */
    public String key() {
        return key;
    }
}
