package dev.lakepipe.local.emr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkStepProcessTest {

    @TempDir
    Path target;

    @AfterEach
    void clearOptions() {
        System.clearProperty(SparkStepProcess.JVM_OPTIONS_PROPERTY);
    }

    @Test
    void theMachinesJvmOptionsGoBeforeTheStepsOwn() throws IOException {
        System.setProperty(SparkStepProcess.JVM_OPTIONS_PROPERTY, " -XX:TieredStopAtLevel=1  -XX:+UseSerialGC ");

        var command = process()
                .command(new SparkSubmitCommand(
                        "a.Main", "emr-steps.jar", Map.of("spark.x", "1"), List.of(), List.of("--table", "t")));

        assertThat(command)
                .containsSubsequence(
                        "-Xmx1g",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Dspark.x=1",
                        "a.Main",
                        "--table",
                        "t");
    }

    @Test
    void theMainRunsUnderTheDriverOfItsDeployMode() throws IOException {
        var cluster = process()
                .command(new SparkSubmitCommand(
                        "a.Main",
                        "emr-steps.jar",
                        Map.of(SparkSubmitCommand.DEPLOY_MODE, "cluster"),
                        List.of(),
                        List.of("--table", "t")));
        var client =
                process().command(new SparkSubmitCommand("a.Main", "emr-steps.jar", Map.of(), List.of(), List.of()));

        assertThat(cluster).endsWith(SparkStepProcess.DRIVER_CLASS, "cluster", "a.Main", "--table", "t");
        assertThat(client).endsWith(SparkStepProcess.DRIVER_CLASS, "client", "a.Main");
    }

    @Test
    void withoutOptionsTheCommandIsTheStepsAlone() throws IOException {
        var command =
                process().command(new SparkSubmitCommand("a.Main", "emr-steps.jar", Map.of(), List.of(), List.of()));

        assertThat(command).noneMatch(String::isBlank).noneMatch(option -> option.startsWith("-XX:Tiered"));
    }

    private SparkStepProcess process() throws IOException {
        var classpath = Files.writeString(target.resolve("emr-classpath.txt"), "/spark/jars/a.jar");
        return new SparkStepProcess(
                new EmrStepsJar(
                        target.resolve("emr-steps.jar"),
                        classpath,
                        new EmrNodeJars(Map.of()),
                        target.resolve("log4j2.xml")),
                "1g");
    }
}
