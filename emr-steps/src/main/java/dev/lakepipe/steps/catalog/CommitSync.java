package dev.lakepipe.steps.catalog;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.steps.hudi.HudiWriteOptions;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * How a Hudi commit reaches the catalog, so that every writer (seed_hudi, the CDC apply, the gold writer) registers
 * every commit the same way: on EMR ({@code environment.catalog = glue}) the commit's own write options run Hudi's
 * Hive sync to Glue; locally {@link #afterCommit} stands for that sync.
 */
public sealed interface CommitSync {

    /** A write alone, registered nowhere: tests and benches of the Hudi write itself. */
    CommitSync NONE = new None();

    /** Hudi's Hive sync to Glue for {@link Optional#empty()}, the local catalog otherwise. */
    static CommitSync of(Optional<LocalCatalog> catalog) {
        return catalog.<CommitSync>map(Local::new).orElseGet(Glue::new);
    }

    /** The write options of a commit onto {@code table}. */
    HudiWriteOptions writeOptions(HudiTable table);

    /** Runs after each commit onto {@code table}; nothing unless the write options left the catalog to it. */
    default void afterCommit(SparkSession spark, HudiTable table) {}

    /** On EMR: the writer syncs each commit to Glue itself ({@link HudiWriteOptions#withHiveSync}). */
    record Glue() implements CommitSync {
        @Override
        public HudiWriteOptions writeOptions(HudiTable table) {
            return HudiWriteOptions.withHiveSync(table);
        }
    }

    /**
     * Locally: Trino's metastore gets the table's columns as Hudi reads them now and every partition folder (a partition
     * the metastore lacks reads as no rows, in Trino as in Athena), and the Glue calls that Hudi's sync makes on EMR are
     * recorded ({@link HiveSyncCalls}) for the access contract.
     */
    record Local(LocalCatalog catalog, AccessLog log) implements CommitSync {
        public Local {
            requireNonNull(catalog, "catalog is null");
            requireNonNull(log, "log is null");
        }

        /** Recording into the step's own access log ({@link AccessLog#process()}). */
        public Local(LocalCatalog catalog) {
            this(catalog, AccessLog.process());
        }

        @Override
        public HudiWriteOptions writeOptions(HudiTable table) {
            return HudiWriteOptions.of(table);
        }

        @Override
        public void afterCommit(SparkSession spark, HudiTable table) {
            var schema = spark.read().format("hudi").load(table.basePath()).schema();
            var registration = catalog.trino().register(table, schema);
            HiveSyncCalls.record(log, table, registration);
        }
    }

    record None() implements CommitSync {
        @Override
        public HudiWriteOptions writeOptions(HudiTable table) {
            return HudiWriteOptions.of(table);
        }
    }
}
