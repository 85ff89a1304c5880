package dev.lakepipe.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case under {@code src/test/resources/conformance/}: a JSON file holding
 * {@code source} (where the expected result comes from in the ASL spec or AWS docs), {@code definition},
 * {@code input}, optional {@code tasks} (resource → outcomes in call order), and either
 * {@code expectedOutput} or {@code expectedError} ({@code {"Error", "Cause"?}}), plus optional
 * {@code expectedSleepsSeconds}. Expected values were worked out from the cited source, not from the
 * interpreter. Clock fixed at 2026-11-23T10:00:00Z; execution {@code conformance} of machine {@code Conformance}.
 */
class ConformanceTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void conforms(Path file) throws InterruptedException {
        JsonNode testCase = StatesJson.read(file);
        assertThat(testCase.path("source").asText())
                .as("every case cites its source")
                .isNotBlank();
        Map<String, List<JsonNode>> scripts = new LinkedHashMap<>();
        testCase.path("tasks").fields().forEachRemaining(entry -> {
            List<JsonNode> outcomes = new ArrayList<>();
            entry.getValue().forEach(outcomes::add);
            scripts.put(entry.getKey(), outcomes);
        });
        var sleeper = new RecordingSleeper();
        var integrations = new TaskIntegrations().register(new ScriptedIntegration(scripts));
        try (var engine = StepFunctions.builder()
                .integrations(integrations)
                .sleeper(sleeper)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()) {
            StateMachine machine = engine.load("Conformance", testCase.get("definition"), Map.of());
            Execution execution = engine.run(
                    machine,
                    "conformance",
                    testCase.path("input").isMissingNode() ? StatesJson.object() : testCase.get("input"));
            if (testCase.has("expectedError")) {
                JsonNode expected = testCase.get("expectedError");
                assertThat(execution.status())
                        .as("status, cause %s", execution.cause())
                        .isEqualTo(ExecutionStatus.FAILED);
                assertThat(execution.error()).contains(expected.get("Error").asText());
                if (expected.has("Cause")) {
                    assertThat(execution.cause()).contains(expected.get("Cause").asText());
                }
                if (expected.has("CauseContains")) {
                    assertThat(execution.cause().orElseThrow())
                            .contains(expected.get("CauseContains").asText());
                }
            } else {
                assertThat(execution.status())
                        .as("status, error %s: %s", execution.error(), execution.cause())
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
                JsonNode output = execution.output().orElseThrow();
                if (!JsonValues.equal(output, testCase.get("expectedOutput"))) {
                    assertThat(StatesJson.write(output))
                            .as("output")
                            .isEqualTo(StatesJson.write(testCase.get("expectedOutput")));
                }
            }
            if (testCase.has("expectedSleepsSeconds")) {
                List<Long> seconds = sleeper.sleeps.stream()
                        .map(duration -> duration.toMillis() / 1000)
                        .toList();
                List<Long> expected = new ArrayList<>();
                testCase.get("expectedSleepsSeconds").forEach(value -> expected.add(value.asLong()));
                assertThat(seconds).isEqualTo(expected);
            }
        }
    }
}
