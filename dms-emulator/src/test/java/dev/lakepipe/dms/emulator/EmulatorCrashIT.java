package dev.lakepipe.dms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.DataFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a forked emulator JVM twice under a running workload: once right after it published a file
 * (before its offsets are committed: the re-delivery must be dropped), once with a real SIGKILL at
 * a random moment; then checks that every committed change is in the files exactly once and that
 * replaying the files in {@code trx_seq} order gives the source tables' final content.
 */
class EmulatorCrashIT {
    private static final List<String> TABLES = List.of("crash_t", "crash_u");

    @TempDir
    Path directory;

    @Test
    void everyChangeLandsExactlyOnceAcrossKills() throws Exception {
        try (var source = TestSource.start(directory.resolve("source"))) {
            source.transaction(
                    "create table crash_t (id int primary key, v int)",
                    "create table crash_u (id int primary key, n int)");
            var options = new EmulatorOptions(
                    source.secretsFile(),
                    TestSource.SECRET,
                    directory.resolve("bronze"),
                    directory.resolve("cdc"),
                    null,
                    List.of("public"),
                    DataFormat.PARQUET,
                    null,
                    1,
                    131_072,
                    "crash_slot",
                    null);
            var optionsFile = directory.resolve("options.json");
            options.write(optionsFile);

            var workload = new Workload(source);
            var first = fork(optionsFile, "first", 3);
            awaitStarted(options, first);
            var thread = new Thread(workload, "workload");
            thread.start();
            assertThat(first.waitFor(60, TimeUnit.SECONDS))
                    .as("emulator halted at the crash point")
                    .isTrue();
            assertThat(first.exitValue()).isEqualTo(137);

            var second = fork(optionsFile, "second", 0);
            awaitStarted(options, second);
            // The restart drops what the crashed run had published but not yet acknowledged.
            Await.until(
                    () -> readLog("second"),
                    log -> log.contains("Dropping re-delivered changes of public.crash_"),
                    Duration.ofSeconds(60));
            // SIGKILL once the restarted run published past the re-delivery, then wait for PostgreSQL to free its slot.
            awaitNewFile(options.bronzeRoot());
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            awaitSlotReleased(source, options.slotName());

            var third = fork(optionsFile, "third", 0);
            awaitStarted(options, third);
            var refused = fork(optionsFile, "refused", 0);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS))
                    .as("a second emulator on the state directory is refused")
                    .isTrue();
            assertThat(refused.exitValue()).isNotZero();
            assertThat(EmulatorProcess.running(options.stateDirectory()))
                    .as("the refused start left the running one's pid file")
                    .map(ProcessHandle::pid)
                    .contains(third.pid());
            awaitNewFile(options.bronzeRoot());
            workload.stop();
            thread.join();

            var expected = workload.changes.get();
            Await.until(() -> allRows(options.bronzeRoot()), found -> found.size() >= expected, Duration.ofSeconds(60));
            assertThat(EmulatorProcess.stop(options.stateDirectory(), Duration.ofSeconds(30)))
                    .isTrue();
            assertThat(third.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Read after the clean stop: a duplicate would be published by now, none can come later.
            var rows = allRows(options.bronzeRoot());

            assertThat(expected).isGreaterThan(100);
            assertThat(rows).hasSize((int) expected);
            var sequences = new HashSet<String>();
            rows.forEach(row -> assertThat(sequences.add((String) row.get("trx_seq")))
                    .as("unique trx_seq %s", row)
                    .isTrue());
            for (var table : TABLES) {
                assertThat(replay(options.bronzeRoot(), table)).as(table).isEqualTo(sourceContent(source, table));
            }
            assertThat(ChangeFileReader.allFiles(options.bronzeRoot()))
                    .noneMatch(file -> file.getFileName().toString().startsWith("."));
        }
    }

    private Process fork(Path optionsFile, String name, int crashAfterFiles) throws Exception {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        var log4j = System.getProperty("log4j.configurationFile");
        if (log4j != null) {
            command.add("-Dlog4j.configurationFile=" + log4j);
        }
        if (crashAfterFiles > 0) {
            command.add("-D" + CrashPoint.PROPERTY + "=" + crashAfterFiles);
        }
        command.add(DmsEmulatorMain.class.getName());
        command.add(optionsFile.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile())
                .start();
    }

    private String readLog(String name) {
        try {
            return Files.readString(directory.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitStarted(EmulatorOptions options, Process process) throws InterruptedException {
        Await.until(
                () -> !process.isAlive()
                        || EmulatorProcess.running(options.stateDirectory())
                                .filter(handle -> handle.pid() == process.pid())
                                .isPresent(),
                started -> started,
                Duration.ofSeconds(60));
        assertThat(process.isAlive()).as("emulator process started").isTrue();
    }

    /** Waits until a change file is published after this call. */
    private static void awaitNewFile(Path bronze) throws InterruptedException {
        var before = ChangeFileReader.files(bronze).size();
        Await.until(() -> ChangeFileReader.files(bronze).size(), count -> count > before, Duration.ofSeconds(60));
    }

    /** Waits until the replication slot has no reader: PostgreSQL ends a killed client's walsender on its own time. */
    private static void awaitSlotReleased(TestSource source, String slot) throws InterruptedException {
        Await.until(() -> slotActive(source, slot), active -> !active, Duration.ofSeconds(60));
    }

    private static boolean slotActive(TestSource source, String slot) {
        try (var connection = source.jdbc();
                var statement =
                        connection.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
            statement.setString(1, slot);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to read replication slot " + slot, e);
        }
    }

    private static List<Map<String, Object>> allRows(Path bronze) {
        var rows = new ArrayList<Map<String, Object>>();
        for (var table : TABLES) {
            rows.addAll(ChangeFileReader.parquetRows(
                    bronze.resolve("incremental/postgres/public").resolve(table)));
        }
        return rows;
    }

    private static Map<Integer, Integer> replay(Path bronze, String table) {
        var rows = new ArrayList<>(ChangeFileReader.parquetRows(
                bronze.resolve("incremental/postgres/public").resolve(table)));
        rows.sort(Comparator.comparing(row -> (String) row.get("trx_seq")));
        var content = new HashMap<Integer, Integer>();
        var valueColumn = table.equals("crash_t") ? "v" : "n";
        for (var row : rows) {
            if ("D".equals(row.get("Op"))) {
                content.remove((Integer) row.get("id"));
            } else {
                content.put((Integer) row.get("id"), (Integer) row.get(valueColumn));
            }
        }
        return content;
    }

    private static Map<Integer, Integer> sourceContent(TestSource source, String table) throws Exception {
        var content = new HashMap<Integer, Integer>();
        try (var connection = source.jdbc();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select * from " + table)) {
            while (result.next()) {
                content.put(result.getInt(1), result.getInt(2));
            }
        }
        return content;
    }

    /** Small transactions touching both tables: inserts, updates of earlier rows, deletes; counts committed changes. */
    private static final class Workload implements Runnable {
        private final TestSource source;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong changes = new AtomicLong();

        Workload(TestSource source) {
            this.source = source;
        }

        void stop() {
            running.set(false);
        }

        @Override
        public void run() {
            try (var connection = source.jdbc();
                    var statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (int txn = 1; running.get(); txn++) {
                    long count = statement.executeUpdate("insert into crash_t values (" + txn + ", " + txn + ")");
                    if (txn % 3 == 0) {
                        count += statement.executeUpdate(
                                "update crash_t set v = " + (txn * 10) + " where id = " + (txn - 1));
                    }
                    if (txn % 7 == 0) {
                        count += statement.executeUpdate("delete from crash_t where id = " + (txn - 2));
                    }
                    if (txn % 2 == 0) {
                        count += statement.executeUpdate("insert into crash_u values (" + txn + ", " + txn + ")");
                        count += statement.executeUpdate("update crash_u set n = n + 1 where id = " + txn);
                    }
                    connection.commit();
                    changes.addAndGet(count);
                    Thread.sleep(3);
                }
            } catch (Exception e) {
                throw new IllegalStateException("workload failed", e);
            }
        }
    }
}
