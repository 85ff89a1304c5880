package dev.lakepipe.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a step's failure ends its main: thrown with its text in cluster mode (what EMR shows), a code otherwise. */
class StepMainTest {

    private static final PrintStream ERR = new PrintStream(OutputStream.nullOutputStream());
    private static final StepMain.Body FAILS = args -> {
        throw new LakepipeException("Cannot read s3://b/c.json: no such key; launch the pipeline again");
    };

    @AfterEach
    void clientMode() {
        System.clearProperty(StepMain.DEPLOY_MODE);
    }

    @Test
    void inClusterModeAFailureIsThrownNamingTheStepAndTheCause() {
        System.setProperty(StepMain.DEPLOY_MODE, StepMain.CLUSTER_MODE);

        assertThatThrownBy(() -> StepMain.run("seed_hudi", new String[0], FAILS, ERR))
                .isInstanceOf(StepFailedException.class)
                .hasMessage("seed_hudi failed: Cannot read s3://b/c.json: no such key; launch the pipeline again")
                .hasCauseInstanceOf(LakepipeException.class);
    }

    @Test
    void inClientModeAFailureExitsWithItsCode() {
        assertThat(StepMain.run("seed_hudi", new String[0], FAILS, ERR)).isEqualTo(StepMain.FAILED);
    }

    @Test
    void aStepWhoseCodeIsItsResultExitsWithItsFailedCodeInEitherMode() {
        System.setProperty(StepMain.DEPLOY_MODE, StepMain.CLUSTER_MODE);

        assertThat(StepMain.exitCode("verify", new String[0], FAILS, ERR, 3)).isEqualTo(3);
    }
}
