package dev.lakepipe.local.states;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions other processes run on the same home are seen as running while their process lives, as ListExecutions shows. */
class ExecutionRecordsTest {

    @TempDir
    Path executions;

    private Process other;

    @AfterEach
    void endTheOtherProcess() {
        if (other != null) {
            other.destroyForcibly();
        }
    }

    @Test
    void seesTheRunningExecutionsOfOtherLiveProcessesOnly() throws IOException {
        other = new ProcessBuilder("sleep", "300").start();
        var started = other.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        owner("tpcc-incremental_hudi-20261207070000", other.pid() + " " + started, "RUNNING");
        owner("tpcc-incremental_hudi-20261207060000", other.pid() + " " + (started - 60_000), "RUNNING");
        owner("tpcc-jdbc_load-20261207050000", other.pid() + " " + started, "SUCCEEDED");
        var records = new ExecutionRecords(executions);
        records.claim("tpcc-seed_hudi-20261207080000");

        assertThat(records.runningInOtherProcesses())
                .as("alive, not finished, not this process's")
                .containsExactly("tpcc-incremental_hudi-20261207070000");

        other.destroyForcibly().onExit().join();
        assertThat(records.runningInOtherProcesses()).as("cut off by a kill -9").isEmpty();
    }

    private void owner(String execution, String content, String status) throws IOException {
        Files.createDirectories(executions.resolve(execution));
        Files.writeString(executions.resolve(execution).resolve(ExecutionRecords.OWNER_FILE), content);
        Files.writeString(
                executions.resolve(execution).resolve("execution.json"),
                "{\"name\":\"" + execution + "\",\"status\":\"" + status + "\"}");
    }
}
