package dev.lakepipe.cli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.lakepipe.cli.LakepipeCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class AwsCommandsTest {
    private final MockAwsCommandClients aws = new MockAwsCommandClients();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void enableJdbcReadsTheRuleNameFromSsmAndEnablesIt() {
        parameter("/lakepipe/tpcc/rules/jdbc_load", "lakepipe-tpcc-JdbcLoadSchedule-ABC");
        when(aws.eventBridge.describeRule(DescribeRuleRequest.builder()
                        .name("lakepipe-tpcc-JdbcLoadSchedule-ABC")
                        .build()))
                .thenReturn(
                        DescribeRuleResponse.builder().state(RuleState.ENABLED).build());

        var exit = run(enableRule(), "--rule", "jdbc", "--use-case", "tpcc", "--region", "eu-west-1");

        assertThat(exit).isZero();
        var order = inOrder(aws.ssm, aws.eventBridge);
        order.verify(aws.ssm)
                .getParameter(GetParameterRequest.builder()
                        .name("/lakepipe/tpcc/rules/jdbc_load")
                        .build());
        order.verify(aws.eventBridge)
                .enableRule(EnableRuleRequest.builder()
                        .name("lakepipe-tpcc-JdbcLoadSchedule-ABC")
                        .build());
        assertThat(out)
                .hasToString("Enabled the jdbc_load schedule: EventBridge rule lakepipe-tpcc-JdbcLoadSchedule-ABC%n"
                        .formatted());
        assertThat(err.toString()).isEmpty();
        assertThat(aws.region).contains("eu-west-1");
        assertThat(aws.closed).isTrue();
    }

    @Test
    void enableIncrementalUsesTheIncrementalParameter() {
        parameter("/lakepipe/tpcc/rules/incremental_hudi", "rule-inc");
        when(aws.eventBridge.describeRule(any(DescribeRuleRequest.class)))
                .thenReturn(
                        DescribeRuleResponse.builder().state(RuleState.ENABLED).build());

        assertThat(run(enableRule(), "--rule", "INCREMENTAL", "--use-case", "tpcc"))
                .isZero();

        verify(aws.eventBridge)
                .enableRule(EnableRuleRequest.builder().name("rule-inc").build());
        assertThat(aws.region).isEmpty();
    }

    @Test
    void missingParameterSaysToDeployFirst() {
        when(aws.ssm.getParameter(any(GetParameterRequest.class)))
                .thenThrow(ParameterNotFoundException.builder()
                        .message("not found")
                        .build());

        assertThat(run(enableRule(), "--rule", "jdbc", "--use-case", "prod")).isEqualTo(1);

        assertThat(err)
                .hasToString(
                        "Cannot enable the jdbc_load schedule: SSM parameter /lakepipe/prod/rules/jdbc_load does not exist; "
                                + "deploy the stack for this use case first (make deploy USE_CASE=...), and check --use-case and --region%n"
                                        .formatted());
        verify(aws.eventBridge, never()).enableRule(any(EnableRuleRequest.class));
    }

    @Test
    void deletedRuleIsReportedWithItsParameter() {
        parameter("/lakepipe/tpcc/rules/jdbc_load", "gone");
        when(aws.eventBridge.enableRule(any(EnableRuleRequest.class)))
                .thenThrow(ResourceNotFoundException.builder()
                        .message("Rule gone does not exist")
                        .build());

        assertThat(run(enableRule(), "--rule", "jdbc", "--use-case", "tpcc")).isEqualTo(1);

        assertThat(err)
                .hasToString(
                        "Cannot enable rule gone (named by SSM parameter /lakepipe/tpcc/rules/jdbc_load): the rule does not exist; "
                                + "redeploy the stack with `make deploy`%n".formatted());
    }

    @Test
    void ruleThatStaysDisabledIsAFailure() {
        parameter("/lakepipe/tpcc/rules/jdbc_load", "stuck");
        when(aws.eventBridge.describeRule(any(DescribeRuleRequest.class)))
                .thenReturn(
                        DescribeRuleResponse.builder().state(RuleState.DISABLED).build());

        assertThat(run(enableRule(), "--rule", "jdbc", "--use-case", "tpcc")).isEqualTo(1);

        assertThat(err)
                .hasToString(
                        "Cannot enable rule stuck: its state is DISABLED after EnableRule; check it in the EventBridge console%n"
                                .formatted());
    }

    @Test
    void enableWithoutCredentialsSaysHowToConfigureThem() {
        when(aws.ssm.getParameter(any(GetParameterRequest.class)))
                .thenThrow(SdkClientException.create("Unable to load credentials from any of the providers"));

        assertThat(run(enableRule(), "--rule", "incremental", "--use-case", "tpcc"))
                .isEqualTo(1);

        assertThat(err)
                .hasToString(
                        ("Cannot enable the incremental_hudi schedule: no AWS credentials found (looked at system properties, environment, "
                                        + "web identity, profile, container and instance metadata); configure them with `aws configure`, AWS_PROFILE or "
                                        + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_REGION, then retry%n")
                                .formatted());
    }

    @Test
    void missingRegionIsNamed() {
        when(aws.sts.getCallerIdentity(any(GetCallerIdentityRequest.class)))
                .thenThrow(SdkClientException.create("Unable to load region from any of the providers in the chain"));

        assertThat(run(whoami())).isEqualTo(1);

        assertThat(err.toString())
                .startsWith(
                        "Cannot reach AWS: no AWS region set (pass --region, REGION=... to make, or set AWS_REGION or a profile region);");
    }

    @Test
    void unknownRuleIsAUsageError() {
        assertThat(run(enableRule(), "--rule", "hourly", "--use-case", "tpcc")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--rule'").contains("JDBC, INCREMENTAL");
    }

    @Test
    void invalidUseCaseNamesTheExpectedShape() {
        assertThat(run(enableRule(), "--rule", "jdbc", "--use-case", "Prod Lake"))
                .isEqualTo(1);
        assertThat(err)
                .hasToString(
                        "Invalid use case: 'Prod Lake' (expected [a-z][a-z0-9_]{1,30}, the UseCase the stack was deployed with)%n"
                                .formatted());
    }

    @Test
    void uploadArtifactsPutsTheJarAndEveryBootstrapScript(@TempDir Path dir) throws Exception {
        var jar = Files.writeString(dir.resolve("emr-steps.jar"), "jar");
        var bootstrap = Files.createDirectories(dir.resolve("bootstrap"));
        Files.writeString(bootstrap.resolve("sync-artifacts.sh"), "#!/bin/sh");
        parameter("/lakepipe/tpcc/buckets/artifacts", "tpcc-artifacts-1a2b");

        var exit = run(
                upload(),
                "--use-case",
                "tpcc",
                "--emr-steps-jar",
                jar.toString(),
                "--bootstrap-dir",
                bootstrap.toString());

        assertThat(exit).as(err.toString()).isZero();
        var requests = ArgumentCaptor.forClass(PutObjectRequest.class);
        verify(aws.s3, Mockito.times(2)).putObject(requests.capture(), any(RequestBody.class));
        assertThat(requests.getAllValues())
                .extracting(PutObjectRequest::bucket, PutObjectRequest::key)
                .containsExactly(
                        Tuple.tuple("tpcc-artifacts-1a2b", "jars/emr-steps.jar"),
                        Tuple.tuple("tpcc-artifacts-1a2b", "bootstrap/sync-artifacts.sh"));
        assertThat(out)
                .hasToString(
                        "Uploaded s3://tpcc-artifacts-1a2b/jars/emr-steps.jar%nUploaded s3://tpcc-artifacts-1a2b/bootstrap/sync-artifacts.sh%n"
                                .formatted());
    }

    @Test
    void uploadWithoutABuiltJarSaysToBuild(@TempDir Path dir) {
        var missing = dir.resolve("emr-steps.jar");

        assertThat(run(
                        upload(),
                        "--use-case",
                        "tpcc",
                        "--emr-steps-jar",
                        missing.toString(),
                        "--bootstrap-dir",
                        dir.toString()))
                .isEqualTo(1);

        assertThat(err)
                .hasToString("Invalid artifact: %s is missing (the emr-steps jar; run `make build` first)%n"
                        .formatted(missing));
        verify(aws.ssm, never()).getParameter(any(GetParameterRequest.class));
    }

    @Test
    void uploadArtifactsPutsTheSqlStepsFilesUnderSql(@TempDir Path dir) throws Exception {
        var jar = Files.writeString(dir.resolve("emr-steps.jar"), "jar");
        var bootstrap = Files.createDirectories(dir.resolve("bootstrap"));
        var sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("sales_by_district.sql"), "SELECT 1");
        Files.writeString(sql.resolve("a_summary.sql"), "SELECT 2");
        Files.writeString(sql.resolve("README.md"), "not a step's file");
        parameter("/lakepipe/tpcc/buckets/artifacts", "tpcc-artifacts-1a2b");

        var exit = run(
                upload(),
                "--use-case",
                "tpcc",
                "--emr-steps-jar",
                jar.toString(),
                "--bootstrap-dir",
                bootstrap.toString(),
                "--sql-dir",
                sql.toString());

        assertThat(exit).as(err.toString()).isZero();
        var requests = ArgumentCaptor.forClass(PutObjectRequest.class);
        verify(aws.s3, Mockito.times(3)).putObject(requests.capture(), any(RequestBody.class));
        assertThat(requests.getAllValues())
                .extracting(PutObjectRequest::key)
                .containsExactly("jars/emr-steps.jar", "sql/a_summary.sql", "sql/sales_by_district.sql");
        assertThat(out.toString())
                .endsWith(
                        "Uploaded s3://tpcc-artifacts-1a2b/sql/a_summary.sql%nUploaded s3://tpcc-artifacts-1a2b/sql/sales_by_district.sql%n"
                                .formatted());
    }

    @Test
    void uploadWithAMissingSqlFolderUploadsNothing(@TempDir Path dir) throws Exception {
        var jar = Files.writeString(dir.resolve("emr-steps.jar"), "jar");
        var missing = dir.resolve("sql");

        assertThat(run(
                        upload(),
                        "--use-case",
                        "tpcc",
                        "--emr-steps-jar",
                        jar.toString(),
                        "--bootstrap-dir",
                        dir.toString(),
                        "--sql-dir",
                        missing.toString()))
                .isEqualTo(1);

        assertThat(err)
                .hasToString(
                        "Invalid SQL folder: %s does not exist; expected the folder of the SQL steps' files, pipeline-configs/sql by default%n"
                                .formatted(missing));
        verify(aws.s3, never()).putObject(any(PutObjectRequest.class), any(RequestBody.class));
    }

    @Test
    void whoamiPrintsTheCaller() {
        when(aws.sts.getCallerIdentity(any(GetCallerIdentityRequest.class)))
                .thenReturn(GetCallerIdentityResponse.builder()
                        .account("123456789012")
                        .arn("arn:aws:iam::123456789012:role/Deployer")
                        .build());

        assertThat(run(whoami())).isZero();

        assertThat(out)
                .hasToString(
                        "AWS credentials: account 123456789012, arn:aws:iam::123456789012:role/Deployer%n".formatted());
    }

    @Test
    void whoamiWithoutCredentialsFailsWithOneClearLine() {
        when(aws.sts.getCallerIdentity(any(GetCallerIdentityRequest.class)))
                .thenThrow(
                        SdkClientException.create("Unable to load credentials from any of the providers in the chain"));

        assertThat(run(whoami())).isEqualTo(1);

        assertThat(err)
                .hasToString(
                        ("Cannot reach AWS: no AWS credentials found (looked at system properties, environment, web identity, profile, container and instance metadata); "
                                        + "configure them with `aws configure`, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_REGION, then retry%n")
                                .formatted());
    }

    @Test
    void realClientsWithoutCredentialsFailClearly(@TempDir Path home) throws Exception {
        // No mock: the real SDK chain must end in the same clear message, not a stack trace. It runs in a JVM that sees
        // no credentials (no AWS_* variables, a home without .aws, no instance metadata), so it runs on every machine.
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Duser.home=" + home,
                "-Daws.sharedCredentialsFile=" + home.resolve(".aws/credentials"),
                "-Daws.configFile=" + home.resolve(".aws/config"),
                "-Daws.disableEc2Metadata=true",
                LakepipeCli.class.getName(),
                "aws",
                "whoami",
                "--region",
                "us-east-1");
        process.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        process.environment().put("HOME", home.toString());
        var stderr = home.resolve("stderr");
        var started = process.redirectOutput(home.resolve("stdout").toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(started.waitFor(2, TimeUnit.MINUTES)).as("whoami ends").isTrue();

        assertThat(started.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(stderr))
                .anySatisfy(
                        line -> assertThat(line).startsWith("Cannot reach AWS: no AWS credentials found (looked at"))
                .noneSatisfy(line -> assertThat(line).containsAnyOf("Exception", "\tat "));
    }

    @Test
    void awsIsRegisteredInTheCli() {
        var cli = LakepipeCli.newCommandLine();
        assertThat(cli.getSubcommands().get("aws").getSubcommands())
                .containsOnlyKeys("whoami", "upload-artifacts", "enable-rule", "check-configs");
    }

    @Test
    void shippedTpccConfigsMatchTheDeployedTpccStack() {
        deployedStack("tpcc/rdbms/rds/primary/spark", "tpcc_lake");

        assertThat(run(checkConfigs(), "../pipeline-configs/tpcc.json", "--use-case", "tpcc", "--region", "eu-west-1"))
                .as(err.toString())
                .isZero();

        assertThat(out).hasToString("../pipeline-configs/tpcc.json: matches stack lakepipe-tpcc%n".formatted());
        verify(aws.cloudFormation).describeStacks(any(Consumer.class));
        assertThat(aws.region).contains("eu-west-1");
    }

    @Test
    void namesEachMismatchWithTheDeployedStack() {
        deployedStack("lakepipe/tpcc/spark", "tpcc");

        assertThat(run(checkConfigs(), "../pipeline-configs/tpcc.json", "--use-case", "tpcc"))
                .isEqualTo(1);

        assertThat(err.toString())
                .startsWith("../pipeline-configs/tpcc.json: 2 mismatch(es) with stack lakepipe-tpcc")
                .contains(
                        "secret is 'tpcc/rdbms/rds/primary/spark' but stack lakepipe-tpcc creates the Spark secret 'lakepipe/tpcc/spark'")
                .contains(
                        "target_db_name is 'tpcc_lake' but stack lakepipe-tpcc creates, registers and grants the Glue database 'tpcc'");
    }

    @Test
    void aStackThatDoesNotExistSaysToDeployIt() {
        when(aws.cloudFormation.describeStacks(any(Consumer.class)))
                .thenThrow(CloudFormationException.builder()
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorMessage("Stack with id lakepipe-sales does not exist")
                                .build())
                        .build());

        assertThat(run(checkConfigs(), "../pipeline-configs/tpcc.json", "--use-case", "sales"))
                .isEqualTo(1);

        assertThat(err)
                .hasToString(
                        "Cannot read stack lakepipe-sales: Stack with id lakepipe-sales does not exist; deploy it first"
                                + " (make deploy USE_CASE=...), and check --use-case and --region%n".formatted());
    }

    @SuppressWarnings("unchecked")
    private void deployedStack(String sparkSecret, String glueDatabase) {
        var outputs = Map.of(
                "UseCase",
                "tpcc",
                "ConfigIdentifier",
                "tpcc",
                "SparkSecretName",
                sparkSecret,
                "GlueDatabaseName",
                glueDatabase,
                "SourceDatabaseName",
                "tpcc",
                "ArtifactsBucketOther",
                "x");
        when(aws.cloudFormation.describeStacks(any(Consumer.class)))
                .thenReturn(DescribeStacksResponse.builder()
                        .stacks(Stack.builder()
                                .stackName("lakepipe-tpcc")
                                .outputs(outputs.entrySet().stream()
                                        .map(entry -> Output.builder()
                                                .outputKey(entry.getKey())
                                                .outputValue(entry.getValue())
                                                .build())
                                        .toList())
                                .build())
                        .build());
    }

    private CheckConfigsCommand checkConfigs() {
        var command = new CheckConfigsCommand();
        command.clientFactory = aws.factory();
        return command;
    }

    private void parameter(String name, String value) {
        when(aws.ssm.getParameter(GetParameterRequest.builder().name(name).build()))
                .thenReturn(GetParameterResponse.builder()
                        .parameter(Parameter.builder().name(name).value(value).build())
                        .build());
    }

    private EnableRuleCommand enableRule() {
        var command = new EnableRuleCommand();
        command.clientFactory = aws.factory();
        return command;
    }

    private UploadArtifactsCommand upload() {
        var command = new UploadArtifactsCommand();
        command.clientFactory = aws.factory();
        return command;
    }

    private WhoAmICommand whoami() {
        var command = new WhoAmICommand();
        command.clientFactory = aws.factory();
        return command;
    }

    private int run(Object command, String... args) {
        var commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
