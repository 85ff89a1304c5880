package dev.lakepipe.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.plan.ContinuousLifetime;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The continuous lifetime fits in the state machine's timeout, which is one number in two places. */
class ContinuousLifetimeTest {

    @Test
    void continuousStepsStopBeforeTheStateMachinesTimeout() throws Exception {
        var definition = new ObjectMapper()
                .readTree(Path.of("../state-machines", LocalPipelineRuntime.DEFINITION)
                        .toFile());

        assertThat(Duration.ofSeconds(definition.path("TimeoutSeconds").asLong()))
                .isEqualTo(ContinuousLifetime.EXECUTION_TIMEOUT);
    }
}
