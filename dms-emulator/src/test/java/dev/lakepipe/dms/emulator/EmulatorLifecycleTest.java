package dev.lakepipe.dms.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.dms.emulator.EmulatorLifecycle.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatorLifecycleTest {
    @Test
    void runsThroughStartAndStop() {
        var lifecycle = new EmulatorLifecycle();
        lifecycle.starting();
        lifecycle.running();
        assertThat(lifecycle.stopping()).isTrue();
        assertThat(lifecycle.stopping()).isFalse();
        lifecycle.stopped();
        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
        assertThat(lifecycle.failure()).isEmpty();
    }

    @Test
    void refusesASecondStart() {
        var lifecycle = new EmulatorLifecycle();
        lifecycle.starting();
        assertThatThrownBy(lifecycle::starting)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot move the DMS emulator to STARTING from [CREATED]: it is STARTING");
    }

    @Test
    void aStopDuringStartMakesTheStartFail() {
        var lifecycle = new EmulatorLifecycle();
        lifecycle.starting();
        lifecycle.stopped();
        assertThatThrownBy(lifecycle::running)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot move the DMS emulator to RUNNING from [STARTING]: it is STOPPED");
    }

    @Test
    void aFailureStaysTheFinalStateAndKeepsTheFirstError() throws InterruptedException {
        var lifecycle = new EmulatorLifecycle();
        lifecycle.starting();
        lifecycle.running();
        var first = new IllegalStateException("slot dropped");
        lifecycle.engineFinished(false, "connector failed", first);
        lifecycle.failed(new IllegalStateException("later"));
        lifecycle.stopped();

        assertThat(lifecycle.state()).isEqualTo(State.FAILED);
        assertThat(lifecycle.awaitTermination()).contains(first);
    }

    @Test
    void anEngineThatEndsBeforeItsConnectorStartsIsNotStarted() throws InterruptedException {
        var lifecycle = new EmulatorLifecycle();
        lifecycle.starting();
        lifecycle.engineFinished(false, "no such database", null);

        assertThat(lifecycle.awaitStarted(Duration.ofMinutes(5))).isFalse();
        assertThat(lifecycle.failure())
                .get()
                .extracting(Throwable::getMessage)
                .isEqualTo("Debezium engine failed: no such database");
    }

    @Test
    void aStartedConnectorIsSeen() throws InterruptedException {
        var lifecycle = new EmulatorLifecycle();
        lifecycle.connectorStarted();
        assertThat(lifecycle.awaitStarted(Duration.ofMinutes(5))).isTrue();
    }
}
