package dev.lakepipe.cli.states;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.cli.LakepipeCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatesCommandTest {

    private static final String TOPIC_TASK = """
            {"StartAt": "Notify", "States": {
              "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                         "Parameters": {"TopicArn": "${TopicArn}", "Message.$": "States.Format('Loaded {}', $.table)"},
                         "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": "$.published", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var commandLine = LakepipeCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void runsWithCannedResultsAndPrintsOutput() throws IOException {
        Path definition = file("notify.asl.json", TOPIC_TASK);
        Path input = file("input.json", "{\"table\": \"orders\"}");
        Path result = file("publish.json", "{\"MessageId\": \"m-1\"}");

        int exit = run(
                "states",
                "run",
                definition.toString(),
                "--input",
                input.toString(),
                "--home",
                dir.resolve("home").toString(),
                "--substitute",
                "TopicArn=arn:aws:sns:local:000000000000:t",
                "--task-result",
                "arn:aws:states:::sns:publish=" + result,
                "--name",
                "first");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"published\" : {", "\"id\" : \"m-1\"", "\"table\" : \"orders\"");
        Path history = dir.resolve("home/executions/first/history.jsonl");
        assertThat(Files.readAllLines(history)).first().asString().contains("\"type\":\"ExecutionStarted\"");
        assertThat(Files.readAllLines(history)).last().asString().contains("\"type\":\"ExecutionSucceeded\"");
        assertThat(dir.resolve("home/executions/first/execution.json"))
                .content()
                .contains("\"status\" : \"SUCCEEDED\"");
    }

    @Test
    void failedExecutionPrintsErrorAndCauseAndExitsOne() throws IOException {
        Path definition = file("notify.asl.json", TOPIC_TASK);
        Path failure = file("fail.json", "{\"Error\": \"SNS.NotFoundException\", \"Cause\": \"Topic does not exist\"}");

        Path input = file("input.json", "{\"table\": \"orders\"}");

        int exit = run(
                "states",
                "run",
                definition.toString(),
                "--input",
                input.toString(),
                "--home",
                dir.toString(),
                "--substitute",
                "TopicArn=t",
                "--task-result",
                "arn:aws:states:::sns:publish=" + failure);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("FAILED", "Error: SNS.NotFoundException", "Cause: Topic does not exist");
    }

    @Test
    void unfilledPlaceholderIsRefusedNamingIt() throws IOException {
        Path definition = file("notify.asl.json", TOPIC_TASK);

        int exit = run(
                "states",
                "run",
                definition.toString(),
                "--home",
                dir.toString(),
                "--task-result",
                "arn:aws:states:::sns:publish=" + file("r.json", "{}"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "Invalid state machine definition notify",
                        "unfilled placeholder(s) [${TopicArn}]",
                        "/States/Notify/Parameters/TopicArn",
                        "--substitute KEY=VALUE");
    }

    @Test
    void validateReportsUnknownResourceAndMissingNext() throws IOException {
        Path definition = file("broken.json", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Next": "Nowhere"}}}
                """);

        int exit = run("states", "validate", definition.toString(), "--home", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains(
                        "State 'A': no integration handles resource 'arn:aws:states:::glue:startJobRun.sync'",
                        "State 'A': Next 'Nowhere' is not a state of the machine");
    }

    @Test
    void validateAcceptsAValidDefinition() throws IOException {
        Path definition =
                file("ok.json", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");

        assertThat(run("states", "validate", definition.toString(), "--home", dir.toString()))
                .isZero();
        assertThat(out.toString()).contains("is valid");
    }

    @Test
    void missingDefinitionFileIsReported() {
        int exit = run("states", "validate", dir.resolve("nope.json").toString(), "--home", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("Failed to read", "nope.json");
    }
}
