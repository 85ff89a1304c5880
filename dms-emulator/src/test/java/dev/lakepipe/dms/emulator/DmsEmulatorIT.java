package dev.lakepipe.dms.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.SourceProtection;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real PostgreSQL and one running emulator (parquet, 1 s batches) shared by the tests; each test owns its tables. */
class DmsEmulatorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path directory;

    private static TestSource source;
    private static DmsEmulator emulator;
    private static Path tables;

    @BeforeAll
    static void startEmulator() throws Exception {
        source = TestSource.start(directory.resolve("source"));
        source.transaction(
                "create table orders (id int primary key, customer text, amount numeric(10,2), updated_at timestamp)",
                "create table pk_moves (id int primary key, name text)",
                "create table history (h_id int, note text)",
                "alter table history replica identity full",
                "create table typed (id bigint primary key, n numeric(10,2), wide numeric(40,5), free numeric, m money, ts timestamp, "
                        + "tz timestamptz, d date, tm time, b boolean, t text, by bytea, sm smallint, r real, f double precision, u uuid, "
                        + "j jsonb, c char(3), v varchar(10))",
                "create table batch_a (id int primary key, v int)",
                "create table batch_b (id int primary key, v int)",
                "create table batched (id int primary key, v int)",
                "create table idle_marker (id int primary key)",
                "create table truncated (id int primary key)",
                "create table evolving (id int primary key, a text)",
                "create table composite (w int, d int, n text, primary key (w, d))",
                "create table toasted (id int primary key, n int, body text)",
                "create table toasted_protected (id int primary key, n int, body text)",
                "create table messaged (id int primary key)");
        try (var jdbc = source.jdbc()) {
            SourceProtection.protect(jdbc, "public", "truncated");
            SourceProtection.protect(jdbc, "public", "toasted_protected");
        }
        var connection = source.connection();
        var task = DmsCdcTask.lakepipe("postgres", List.of("public"));
        task = task.withS3Settings(
                task.s3Settings().toBuilder().cdcMaxBatchIntervalSeconds(1).build());
        emulator = DmsEmulator.builder()
                .task(task)
                .source(connection)
                .bronzeRoot(directory.resolve("bronze"))
                .stateDirectory(directory.resolve("cdc"))
                .build();
        emulator.start();
        tables = directory.resolve("bronze/incremental/postgres/public");
    }

    @AfterAll
    static void stop() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void writesInsertUpdateDeleteAsDmsRows() throws Exception {
        source.transaction("insert into orders values (1, 'ann', 10.50, '2024-01-15 09:30:12.345678')");
        source.transaction("update orders set amount = 11 where id = 1");
        source.transaction("delete from orders where id = 1");

        var rows = awaitRows("orders", 3);

        assertThat(rows.get(0).keySet())
                .containsExactly(
                        "Op", "id", "customer", "amount", "updated_at", "trx_seq", "_hoodie_is_deleted", "BI_id");
        assertThat(rows).extracting(row -> row.get("Op")).containsExactly("I", "U", "D");
        assertThat(rows.get(0))
                .containsEntry("id", 1)
                .containsEntry("customer", "ann")
                .containsEntry("amount", new BigDecimal("10.50"))
                .containsEntry("updated_at", micros("2024-01-15T09:30:12.345678Z"))
                .containsEntry("_hoodie_is_deleted", false)
                .containsEntry("BI_id", null);
        assertThat(rows.get(1))
                .containsEntry("amount", new BigDecimal("11.00"))
                .containsEntry("customer", "ann")
                .containsEntry("BI_id", 1)
                .containsEntry("_hoodie_is_deleted", false);
        // Default replica identity: the delete's before image holds only the primary key.
        assertThat(rows.get(2))
                .containsEntry("id", 1)
                .containsEntry("customer", null)
                .containsEntry("amount", null)
                .containsEntry("updated_at", null)
                .containsEntry("_hoodie_is_deleted", true)
                .containsEntry("BI_id", null);

        var sequences = rows.stream().map(row -> (String) row.get("trx_seq")).toList();
        assertThat(sequences)
                .allMatch(sequence -> sequence.matches("\\d{35}"))
                .isSorted()
                .doesNotHaveDuplicates();
        var commitTime = ChangeSequence.parse(sequences.get(0)).commitTime();
        assertThat(Duration.between(commitTime, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void primaryKeyUpdateIsOneUpdateRowWithTheOldKeyInBeforeImageColumns() throws Exception {
        source.transaction("insert into pk_moves values (1, 'x')");
        source.transaction("update pk_moves set id = 2 where id = 1");
        source.transaction(
                "insert into composite values (1, 1, 'a')", "update composite set d = 2 where w = 1 and d = 1");

        var rows = awaitRows("pk_moves", 2);
        assertThat(rows).extracting(row -> row.get("Op")).containsExactly("I", "U");
        assertThat(rows.get(1))
                .containsEntry("id", 2)
                .containsEntry("name", "x")
                .containsEntry("BI_id", 1);

        var composite = awaitRows("composite", 2);
        assertThat(composite.get(1))
                .containsEntry("Op", "U")
                .containsEntry("w", 1)
                .containsEntry("d", 2)
                .containsEntry("BI_w", 1)
                .containsEntry("BI_d", 1);
        assertThat((String) composite.get(0).get("trx_seq"))
                .isLessThan((String) composite.get(1).get("trx_seq"));
    }

    @Test
    void tableWithoutPrimaryKeyGetsInsertsOnly() throws Exception {
        source.transaction("insert into history values (1, 'a')");
        source.transaction("update history set note = 'b'");
        source.transaction("delete from history");
        source.transaction("insert into history values (2, 'c')");

        var rows = awaitRows("history", 2);
        assertThat(rows)
                .extracting(row -> row.get("Op"), row -> row.get("h_id"), row -> row.get("note"))
                .containsExactly(Tuple.tuple("I", 1, "a"), Tuple.tuple("I", 2, "c"));
        assertThat(rows.get(0).keySet()).containsExactly("Op", "h_id", "note", "trx_seq", "_hoodie_is_deleted");
        var status = Await.until(
                () -> emulator.status().tables().stream()
                        .filter(table -> table.table().equals("public.history"))
                        .findFirst(),
                table -> table.isPresent() && table.get().ignoredChanges() == 2,
                WAIT);
        assertThat(status.get().rows()).isEqualTo(2);
    }

    @Test
    void mapsPostgresTypesAsDms() throws Exception {
        source.transaction(
                "insert into typed values (1, 12.34, 123456789012345678901234567890.12345, 1.23456789, 12.34, "
                        + "'2024-01-15 09:30:12.345678', '2024-01-15 11:30:12.345678+02', '2024-01-15', '09:30:12.5', true, 'text', '\\x0102', "
                        + "7, 1.5, 2.5, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', 'ab', 'vc')");

        var rows = awaitRows("typed", 1);
        var row = rows.get(0);
        assertThat(row)
                .containsEntry("id", 1L)
                .containsEntry("n", new BigDecimal("12.34"))
                .containsEntry("wide", "123456789012345678901234567890.12345")
                .containsEntry("free", new BigDecimal("1.234568"))
                .containsEntry("m", new BigDecimal("12.3400"))
                .containsEntry("ts", micros("2024-01-15T09:30:12.345678Z"))
                .containsEntry("tz", micros("2024-01-15T09:30:12.345678Z"))
                .containsEntry("d", (int) LocalDate.parse("2024-01-15").toEpochDay())
                .containsEntry("tm", "09:30:12.5")
                .containsEntry("b", "true")
                .containsEntry("t", "text")
                .containsEntry("sm", 7)
                .containsEntry("r", 1.5f)
                .containsEntry("f", 2.5)
                .containsEntry("u", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .containsEntry("j", "{\"a\": 1}")
                .containsEntry("c", "ab ")
                .containsEntry("v", "vc");
        assertThat((byte[]) row.get("by")).containsExactly(1, 2);

        var schema = ChangeFileReader.parquetSchema(
                ChangeFileReader.files(tables.resolve("typed")).get(0));
        assertThat(schema.getType("n").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
        assertThat(schema.getType("free").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.decimalType(6, 28));
        assertThat(schema.getType("m").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.decimalType(4, 38));
        assertThat(schema.getType("ts").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("d").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
        assertThat(schema.getType("sm").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.intType(16, true));
        assertThat(schema.getType("b").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("trx_seq").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getFields()).allMatch(field -> field.isRepetition(Type.Repetition.OPTIONAL));
    }

    @Test
    void keepsCommitOrderAndDmsFileLayout() throws Exception {
        source.transaction(
                "insert into batch_a values (1, 1)",
                "insert into batch_b values (1, 1)",
                "update batch_a set v = 2 where id = 1",
                "insert into batch_a values (2, 1)");
        source.transaction("update batch_a set v = 3 where id = 1");

        var rows = awaitRows("batch_a", 4);
        assertThat(rows)
                .extracting(row -> row.get("Op"), row -> row.get("id"), row -> row.get("v"))
                .containsExactly(
                        Tuple.tuple("I", 1, 1), Tuple.tuple("U", 1, 2),
                        Tuple.tuple("I", 2, 1), Tuple.tuple("U", 1, 3));
        var sequences = rows.stream().map(row -> (String) row.get("trx_seq")).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        var otherTable = awaitRows("batch_b", 1);
        // One transaction, two tables: same commit time, counters in change order.
        assertThat(((String) otherTable.get(0).get("trx_seq")).substring(0, 16))
                .isEqualTo(sequences.get(0).substring(0, 16));
        assertThat((String) otherTable.get(0).get("trx_seq")).isBetween(sequences.get(0), sequences.get(1));

        var files = ChangeFileReader.files(tables.resolve("batch_a"));
        for (var file : files) {
            var relative = directory.resolve("bronze").relativize(file).toString();
            assertThat(relative)
                    .matches("incremental/postgres/public/batch_a/\\d{4}/\\d{2}/\\d{2}/\\d{8}-\\d{9}\\.parquet");
            var name = file.getFileName().toString();
            assertThat(file.getParent().toString())
                    .endsWith(name.substring(0, 4) + "/" + name.substring(4, 6) + "/" + name.substring(6, 8));
        }
        assertThat(ChangeFileReader.allFiles(tables.resolve("batch_a"))).hasSameSizeAs(files);
    }

    @Test
    void batchesByIntervalAndWritesNoEmptyFiles() throws Exception {
        for (int i = 0; i < 30; i++) {
            source.transaction("insert into batched values (" + i + ", 0)");
        }
        awaitRows("batched", 30);
        var files = ChangeFileReader.files(tables.resolve("batched"));
        assertThat(files.size()).isLessThanOrEqualTo(6);

        // Two changes of another table published one after the other: each waited out a batch interval with
        // "batched" idle, and every interval checks every table's buffer.
        source.transaction("insert into idle_marker values (1)");
        awaitRows("idle_marker", 1);
        source.transaction("insert into idle_marker values (2)");
        awaitRows("idle_marker", 2);
        assertThat(ChangeFileReader.files(tables.resolve("batched"))).isEqualTo(files);
    }

    /**
     * Default replica identity: an update of another column does not carry a TOASTed value (6.4 kB of random hex, too
     * big to stay inline), and DMS writes NULL for it; a protected table's trigger makes the update carry it.
     */
    @Test
    void unchangedToastValueIsNullAsDmsWritesItUnlessTheTableIsProtected() throws Exception {
        var body = "(select string_agg(md5(random()::text), '') from generate_series(1, 200))";
        source.transaction(
                "insert into toasted values (1, 1, " + body + ")",
                "insert into toasted_protected values (1, 1, " + body + ")");
        source.transaction("update toasted set n = 2", "update toasted_protected set n = 2");

        for (var table : List.of("toasted", "toasted_protected")) {
            var rows = awaitRows(table, 2);
            assertThat(rows)
                    .extracting(row -> row.get("Op"), row -> row.get("n"))
                    .containsExactly(tuple("I", 1), tuple("U", 2));
            assertThat((String) rows.get(0).get("body")).hasSize(6400);
            if (table.equals("toasted")) {
                assertThat(rows.get(1))
                        .as("what DMS writes for an unchanged TOAST value")
                        .containsEntry("body", null);
            } else {
                assertThat(rows.get(1)).containsEntry("body", rows.get(0).get("body"));
            }
        }
    }

    @Test
    void ignoresTruncateAndKeepsEarlierFiles() throws Exception {
        source.transaction("insert into truncated values (1)");
        awaitRows("truncated", 1);
        var first = ChangeFileReader.files(tables.resolve("truncated"));
        source.transaction("truncate truncated");
        source.transaction("insert into truncated values (2)");

        var rows = awaitRows("truncated", 2);
        assertThat(rows)
                .extracting(row -> row.get("Op"), row -> row.get("id"))
                .containsExactly(tuple("I", 1), tuple("I", 2));
        assertThat(first).allMatch(Files::exists);
        var markers = Await.until(
                () -> ChangeFileReader.parquetRows(
                        directory.resolve("bronze/incremental/postgres/lakepipe/truncations")),
                found -> !found.isEmpty(),
                WAIT);
        assertThat(markers)
                .as("the protection's marker, captured like any row")
                .singleElement()
                .satisfies(marker -> assertThat(marker)
                        .containsEntry("Op", "I")
                        .containsEntry("table_schema", "public")
                        .containsEntry("table_name", "truncated"));
        var markerSeq = (String) markers.get(0).get("trx_seq");
        assertThat(markerSeq)
                .as("the marker sorts between the rows before and after the truncate")
                .isGreaterThan((String) rows.get(0).get("trx_seq"))
                .isLessThan((String) rows.get(1).get("trx_seq"));
    }

    @Test
    void ignoresLogicalDecodingMessagesAsDmsDoesAndCatchesUpToItsOwnMarker() throws Exception {
        source.transaction(
                "insert into messaged values (1)",
                "select pg_logical_emit_message(true, 'some.app', 'in a transaction')");
        source.transaction("select pg_logical_emit_message(false, 'some.app', 'outside any transaction')");
        source.transaction("insert into messaged values (2)");

        emulator.awaitCaughtUp(WAIT);

        assertThat(emulator.isRunning()).isTrue();
        assertThat(awaitRows("messaged", 2)).extracting(row -> row.get("id")).containsExactly(1, 2);
    }

    @Test
    void addedColumnAppearsInLaterFilesOnly() throws Exception {
        source.transaction("insert into evolving values (1, 'a')");
        awaitRows("evolving", 1);
        source.transaction("alter table evolving add column b int");
        source.transaction("insert into evolving values (2, 'x', 5)");

        awaitRows("evolving", 2);
        var files = ChangeFileReader.files(tables.resolve("evolving"));
        assertThat(files).hasSize(2);
        assertThat(ChangeFileReader.parquetRowsOf(files.get(0)).get(0).keySet())
                .containsExactly("Op", "id", "a", "trx_seq", "_hoodie_is_deleted", "BI_id");
        assertThat(ChangeFileReader.parquetRowsOf(files.get(1)).get(0))
                .containsEntry("b", 5)
                .containsEntry("a", "x");
    }

    @Test
    void secondEmulatorOnTheSameStateDirectoryIsRefused() {
        var task = DmsCdcTask.lakepipe("postgres", List.of("public"));
        var second = DmsEmulator.builder()
                .task(task)
                .source(source.connection())
                .bronzeRoot(directory.resolve("bronze"))
                .stateDirectory(directory.resolve("cdc"))
                .build();
        assertThatThrownBy(second::start)
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot start the DMS emulator: another emulator uses %s; stop it first (lakepipe cdc stop)",
                        directory.resolve("cdc"));
        assertThat(emulator.isRunning()).isTrue();
    }

    private static List<Map<String, Object>> awaitRows(String table, int count) throws InterruptedException {
        return Await.until(
                () -> ChangeFileReader.parquetRows(tables.resolve(table)), rows -> rows.size() >= count, WAIT);
    }

    private static long micros(String instant) {
        return DmsTypeMapping.epochMicros(Instant.parse(instant));
    }
}
