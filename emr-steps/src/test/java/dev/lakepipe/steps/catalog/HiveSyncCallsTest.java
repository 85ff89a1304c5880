package dev.lakepipe.steps.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.access.Access;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;
import dev.lakepipe.steps.hudi.HudiTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Glue calls recorded for one commit's sync, from what the commit changed in the local metastore. */
class HiveSyncCallsTest {

    private static final String TABLE_ARN = AwsArns.glueTable("tpcc_lake", "tpcc_public_orders");

    @TempDir
    Path dir;

    @Test
    void theFirstSyncCreatesTheTableAndEveryPartition() {
        var calls = record(
                table(List.of("o_w_id"), HudiTable.TableType.COPY_ON_WRITE),
                new TrinoMetastore.Registration(true, false, List.of("o_w_id=1"), 0));

        assertThat(onTable(calls))
                .containsExactly(
                        "glue:GetTable",
                        "glue:CreateTable",
                        "glue:UpdateTable",
                        "glue:GetPartitions",
                        "glue:BatchCreatePartition");
        assertThat(calls)
                .filteredOn(access -> access.action().equals("glue:GetDatabase"))
                .extracting(Access::resource)
                .containsExactlyInAnyOrder(
                        AwsArns.glueCatalog(), AwsArns.glueDatabase("default"), AwsArns.glueDatabase("tpcc_lake"));
    }

    @Test
    void anApplyCommitIntoANewPartitionCreatesItAndOneIntoKnownPartitionsOnlyLooksThemUp() {
        var orders = table(List.of("o_w_id"), HudiTable.TableType.COPY_ON_WRITE);

        var newWarehouse = record(orders, new TrinoMetastore.Registration(false, false, List.of("o_w_id=2"), 1));
        var knownWarehouse = record(orders, new TrinoMetastore.Registration(false, false, List.of(), 2));

        assertThat(onTable(newWarehouse))
                .containsExactly(
                        "glue:GetTable", "glue:UpdateTable", "glue:GetPartitions", "glue:BatchCreatePartition");
        assertThat(onTable(knownWarehouse)).containsExactly("glue:GetTable", "glue:UpdateTable", "glue:GetPartitions");
    }

    @Test
    void aNewColumnCascadesToTheExistingPartitions() {
        var calls = record(
                table(List.of("o_w_id"), HudiTable.TableType.COPY_ON_WRITE),
                new TrinoMetastore.Registration(false, true, List.of(), 3));

        assertThat(onTable(calls))
                .containsExactly("glue:GetTable", "glue:UpdateTable", "glue:GetPartitions", "glue:UpdatePartition");
    }

    @Test
    void anUnpartitionedTableNeedsNoPartitionCalls() {
        var calls = record(
                table(List.of(), HudiTable.TableType.COPY_ON_WRITE),
                new TrinoMetastore.Registration(false, true, List.of(), 0));

        assertThat(onTable(calls)).containsExactly("glue:GetTable", "glue:UpdateTable");
    }

    @Test
    void aMergeOnReadTableIsSyncedAsItsTwoViews() {
        var calls = record(
                table(List.of(), HudiTable.TableType.MERGE_ON_READ),
                new TrinoMetastore.Registration(true, false, List.of(), 0));

        assertThat(calls)
                .filteredOn(access -> access.action().equals("glue:CreateTable"))
                .extracting(Access::resource)
                .contains(TABLE_ARN + "_ro", TABLE_ARN + "_rt")
                .doesNotContain(TABLE_ARN);
    }

    private List<Access> record(HudiTable table, TrinoMetastore.Registration registration) {
        var file = dir.resolve(registration.hashCode() + "-" + table.tableType() + ".jsonl");
        var log = AccessLog.to(file, "silver-instance-profile", "incremental_hudi public.orders");
        HiveSyncCalls.record(log, table, registration);
        log.flush();
        return AccessLog.read(file);
    }

    /** The actions on the table's ARN, in call order. */
    private static List<String> onTable(List<Access> calls) {
        return calls.stream()
                .filter(access -> access.resource().equals(TABLE_ARN))
                .map(Access::action)
                .toList();
    }

    private static HudiTable table(List<String> partitionFields, HudiTable.TableType type) {
        return new HudiTable(
                "tpcc_lake",
                "tpcc_public_orders",
                "file:///lake/silver/tpcc_lake/tpcc_public_orders",
                List.of("o_id"),
                partitionFields,
                type,
                "trx_seq",
                Optional.empty());
    }
}
