package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.plan.StepPlanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSubmitCommandTest {

    @Test
    void takesThePlannedSparkSubmitApart() {
        var command = SparkSubmitCommand.parse(List.of(
                "spark-submit",
                "--deploy-mode",
                "cluster",
                "--conf",
                "spark.executor.memory=4g",
                "--conf",
                "spark.sql.extra=a=b",
                "--class",
                "dev.lakepipe.steps.JdbcLoadStep",
                "s3://lakepipe-artifacts/jars/emr-steps.jar",
                "--config",
                "s3://lakepipe-artifacts/runtime/shop/x.json",
                "--table",
                "sales.orders"));

        assertThat(command.mainClass()).isEqualTo("dev.lakepipe.steps.JdbcLoadStep");
        assertThat(command.applicationJar()).isEqualTo("s3://lakepipe-artifacts/jars/emr-steps.jar");
        assertThat(command.conf())
                .isEqualTo(Map.of(
                        "spark.executor.memory",
                        "4g",
                        "spark.sql.extra",
                        "a=b",
                        SparkSubmitCommand.DEPLOY_MODE,
                        "cluster"));
        assertThat(command.clusterMode())
                .as("EMR steps run their driver in YARN cluster mode")
                .isTrue();
        assertThat(command.args())
                .containsExactly("--config", "s3://lakepipe-artifacts/runtime/shop/x.json", "--table", "sales.orders");
        assertThat(command.jars()).isEmpty();
    }

    @Test
    void translatesOptionsAsSparkSubmitDoes() {
        var command = SparkSubmitCommand.parse(List.of(
                "spark-submit",
                "--jars",
                "/usr/lib/hudi/hudi-spark-bundle.jar, /usr/lib/x.jar",
                "--conf",
                "spark.jars=/ignored.jar",
                "--conf",
                "hoodie.not.spark=1",
                "--name",
                "load",
                "--executor-memory",
                "4g",
                "--class",
                "A",
                "x.jar"));

        assertThat(command.jars()).containsExactly("/usr/lib/hudi/hudi-spark-bundle.jar", "/usr/lib/x.jar");
        assertThat(command.conf()).isEqualTo(Map.of("spark.app.name", "load", "spark.executor.memory", "4g"));
        assertThat(SparkSubmitCommand.parse(
                                List.of("spark-submit", "--conf", "spark.jars=/a.jar,/b.jar", "--class", "A", "x.jar"))
                        .jars())
                .containsExactly("/a.jar", "/b.jar");
    }

    @Test
    void rejectsWhatItCannotRunNamingTheProblem() {
        assertThatThrownBy(() -> SparkSubmitCommand.parse(List.of("hadoop", "jar", "x.jar")))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid EMR step arguments [hadoop, jar, x.jar]: the first argument must be spark-submit; "
                        + "expected spark-submit [--jars a,b] [--conf k=v ...] --class <main> <jar> <args>");
        assertThatThrownBy(() -> SparkSubmitCommand.parse(List.of("spark-submit", "x.jar")))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining(": --class <main class> is missing;");
        assertThatThrownBy(() ->
                        SparkSubmitCommand.parse(List.of("spark-submit", "--conf", "novalue", "--class", "A", "x.jar")))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining(": --conf novalue is not key=value;");
        assertThatThrownBy(() ->
                        SparkSubmitCommand.parse(List.of("spark-submit", "--verbose", "yes", "--class", "A", "x.jar")))
                .isInstanceOf(LakepipeException.class)
                .hasMessageContaining(": unsupported spark-submit option --verbose;");
    }

    @Test
    void yarnRunsAFailedClusterModeApplicationTwiceUnlessTheStepAsksForFewerAttempts() {
        assertThat(command(Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster")).appAttempts())
                .isEqualTo(2);
        assertThat(command(Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster", StepPlanner.MAX_APP_ATTEMPTS, "1"))
                        .appAttempts())
                .isEqualTo(1);
        assertThat(command(Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster", StepPlanner.MAX_APP_ATTEMPTS, "5"))
                        .appAttempts())
                .as("YARN's own maximum caps Spark's")
                .isEqualTo(2);
        assertThat(command(Map.of()).appAttempts())
                .as("client mode: spark-submit's JVM")
                .isEqualTo(1);
        assertThatThrownBy(() -> command(
                                Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster", StepPlanner.MAX_APP_ATTEMPTS, "0"))
                        .appAttempts())
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Invalid spark.yarn.maxAppAttempts=0 of step a.Main: expected a whole number of at least 1");
    }

    private static SparkSubmitCommand command(Map<String, String> conf) {
        return new SparkSubmitCommand("a.Main", "emr-steps.jar", conf, List.of(), List.of());
    }
}
