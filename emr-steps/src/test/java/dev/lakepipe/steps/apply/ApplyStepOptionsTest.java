package dev.lakepipe.steps.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.steps.StepArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplyStepOptionsTest {

    @Test
    void defaults() {
        var options = parse("--config", "file:///s.json", "--table", "public.orders", "--mode", "incremental");

        assertThat(options)
                .isEqualTo(new ApplyStepOptions(
                        "file:///s.json",
                        List.of("public.orders"),
                        false,
                        Duration.ofSeconds(60),
                        200,
                        Optional.empty(),
                        Optional.empty()));
    }

    @Test
    void everyOption() {
        var options = parse(
                "--config",
                "s3://a/s.json",
                "--table",
                "public.orders",
                "--mode",
                "continuous",
                "--min-sync-interval-seconds",
                "5",
                "--max-files-per-batch",
                "10",
                "--status-dir",
                "s3://logs/cdc",
                "--stop-at",
                "2026-11-25T11:00:00Z");

        assertThat(options)
                .isEqualTo(new ApplyStepOptions(
                        "s3://a/s.json",
                        List.of("public.orders"),
                        true,
                        Duration.ofSeconds(5),
                        10,
                        Optional.of("s3://logs/cdc"),
                        Optional.of(Instant.parse("2026-11-25T11:00:00Z"))));
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> parse("--config", "c", "--table", "t", "--mode", "streaming"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage("Invalid hudi_apply arguments: --mode streaming; expected incremental or continuous");
        assertThatThrownBy(() ->
                        parse("--config", "c", "--table", "t", "--mode", "incremental", "--max-files-per-batch", "0"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage("Invalid hudi_apply arguments: --max-files-per-batch 0; expected an integer >= 1");
        assertThatThrownBy(() -> parse("--config", "c", "--table", "t", "--mode", "continuous"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage(
                        "Invalid hudi_apply arguments: --stop-at is required in continuous mode: the step must stop before its"
                                + " execution's timeout (the planner sets it)");
        assertThatThrownBy(
                        () -> parse("--config", "c", "--table", "t", "--mode", "continuous", "--stop-at", "tomorrow"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage(
                        "Invalid hudi_apply arguments: --stop-at tomorrow; expected an ISO-8601 instant such as 2026-11-23T12:00:00Z");
        assertThatThrownBy(() -> parse(
                        "--config", "c", "--table", "t", "--mode", "incremental", "--stop-at", "2026-11-25T11:00:00Z"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage("Invalid hudi_apply arguments: --stop-at applies to continuous mode only");
        assertThatThrownBy(() -> parse("--config", "c", "--table", "t", "--mode", "incremental", "--min-sync", "5"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessageStartingWith(
                        "Invalid hudi_apply arguments: unknown option --min-sync; expected one of --config, ");
    }

    private static ApplyStepOptions parse(String... args) {
        return ApplyStepOptions.from(StepArgs.parse("hudi_apply", args));
    }
}
