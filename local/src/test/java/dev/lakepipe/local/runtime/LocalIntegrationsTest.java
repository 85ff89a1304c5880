package dev.lakepipe.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.cli.LakepipeCli;
import dev.lakepipe.local.sns.SnsOutbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakepipe states run} has the local integrations: here, SNS into the outbox. */
class LocalIntegrationsTest {

    @TempDir
    Path dir;

    @Test
    void statesRunPublishesToTheLocalOutbox() throws Exception {
        Path definition = Files.writeString(dir.resolve("notify.asl.json"), """
                {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn": "${TopicArn}", "Subject": "hello", "Message": {"table.$": "$.table"}},
                  "ResultSelector": {"id.$": "$.MessageId"}, "End": true}}}
                """);
        Path input = Files.writeString(dir.resolve("input.json"), "{\"table\": \"orders\"}");
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = LakepipeCli.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute(
                "states",
                "run",
                definition.toString(),
                "--input",
                input.toString(),
                "--home",
                dir.resolve("home").toString(),
                "--substitute",
                "TopicArn=arn:aws:sns:local:000000000000:t");

        assertThat(exit).as(err.toString()).isZero();
        var messages = SnsOutbox.in(dir.resolve("home")).messages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("topicArn").asText()).isEqualTo("arn:aws:sns:local:000000000000:t");
        assertThat(messages.get(0).path("subject").asText()).isEqualTo("hello");
        assertThat(messages.get(0).path("message").asText()).isEqualTo("{\"table\":\"orders\"}");
        assertThat(out.toString())
                .contains("\"id\" : \"" + messages.get(0).path("messageId").asText() + "\"");
    }
}
