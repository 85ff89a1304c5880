package dev.lakepipe.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionNamesTest {

    @Test
    void namesAreIdentifierPipelineAndUtcSecond() {
        assertThat(ExecutionNames.name("tpcc", "jdbc_load", Instant.parse("2026-11-23T11:34:05.900Z")))
                .isEqualTo("tpcc-jdbc_load-20261123113405");
    }

    @Test
    void pipelineIsReadBackFromTheNameOfTheSameIdentifierOnly() {
        assertThat(ExecutionNames.pipelineOf("tpcc", "tpcc-seed_hudi-20261123113405"))
                .contains("seed_hudi");
        assertThat(ExecutionNames.pipelineOf("tpcc", "shop-seed_hudi-20261123113405"))
                .isEmpty();
        assertThat(ExecutionNames.pipelineOf("tpcc", "tpcc-seed_hudi")).isEqualTo(Optional.empty());
        assertThat(ExecutionNames.pipelineOf("tpcc", "tpcc-20261123113405")).isEmpty();
    }

    @Test
    void namesLongerThanStepFunctionsAllowsAreRefused() {
        assertThatThrownBy(() -> ExecutionNames.name("x".repeat(60), "incremental_hudi", Instant.EPOCH))
                .isInstanceOf(LaunchRefusedException.class)
                .hasMessageStartingWith("Invalid execution name: " + "x".repeat(60)
                        + "-incremental_hudi-19700101000000 is longer than 80");
    }
}
