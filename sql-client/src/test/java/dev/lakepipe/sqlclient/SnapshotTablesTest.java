package dev.lakepipe.sqlclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tables a statement names are merge-on-read snapshots, by their metastore entries (written by the pipelines: emr-steps TrinoMetastoreTest). */
class SnapshotTablesTest {

    private static final String HUDI_INPUT_FORMAT = "org.apache.hudi.hadoop.HoodieParquetInputFormat";

    @TempDir
    Path catalog;

    private SnapshotTables snapshots;

    @BeforeEach
    void registerTables() throws IOException {
        register("tpcc_lake", "tpcc_public_stock_rt", SnapshotTables.REALTIME_INPUT_FORMAT);
        register("tpcc_lake", "tpcc_public_stock_ro", HUDI_INPUT_FORMAT);
        // A copy-on-write table whose name happens to end in _rt: Trino reads it as it is.
        register("tpcc_lake", "tpcc_public_report_rt", HUDI_INPUT_FORMAT);
        Files.writeString(catalog.resolve(".tpcc_lake.trinoSchema"), "{}");
        snapshots = new SnapshotTables(catalog);
    }

    @Test
    void findsTheSnapshotTablesByTheirMetastoreEntryNotByTheirName() {
        assertThat(snapshots.named("select * from tpcc_public_stock_rt s join tpcc_public_report_rt r on s.x = r.x"))
                .containsExactly("tpcc_lake.tpcc_public_stock_rt");
        assertThat(snapshots.named("select count(*) from awsdatacatalog.TPCC_LAKE.\"TPCC_Public_Stock_RT\""))
                .containsExactly("tpcc_lake.tpcc_public_stock_rt");
        assertThat(snapshots.named("select * from tpcc_public_stock_ro")).isEmpty();
    }

    @Test
    void ignoresNamesInStringsAndComments() {
        assertThat(snapshots.named("""
                        select 'tpcc_public_stock_rt', 'it''s tpcc_public_stock_rt' -- tpcc_public_stock_rt
                        /* tpcc_public_stock_rt */ from tpcc_public_stock_ro where "a""b" = 'x'
                        """)).isEmpty();
    }

    @Test
    void warnsNamingTheTableWhatTrinoReadsAndTheFix() {
        var notes = new StringWriter();

        snapshots.warn("select count(*) from tpcc_public_stock_rt", new PrintWriter(notes));
        snapshots.warn("select count(*) from tpcc_public_stock_ro", new PrintWriter(notes));

        assertThat(notes.toString())
                .isEqualTo(
                        "warning: tpcc_lake.tpcc_public_stock_rt is the snapshot table (_rt) of a merge-on-read"
                                + " table, and Trino 476 reads it as read-optimized: the base files only, as its _ro table,"
                                + " without the changes since the last compaction (a row deleted since then still shows)."
                                + " Athena reads it as the snapshot; for the snapshot here, run the query with --engine spark.\n");
    }

    @Test
    void namesAnUnreadableMetastoreEntry() throws IOException {
        var entry = catalog.resolve("tpcc_lake/tpcc_public_stock_rt/.trinoSchema");
        Files.writeString(entry, "{\"originalStorageFormat\": ");

        assertThatThrownBy(() -> snapshots.named("select * from tpcc_public_stock_rt"))
                .isInstanceOf(SqlClientException.class)
                .hasMessageStartingWith("Failed to read the metastore entry " + entry + ": ");
    }

    private void register(String database, String table, String inputFormat) throws IOException {
        var entry = catalog.resolve(database).resolve(table).resolve(".trinoSchema");
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, """
                {"tableType": "EXTERNAL_TABLE", "originalStorageFormat": {"inputFormat": "%s"}}
                """.formatted(inputFormat));
    }
}
