package dev.lakepipe.dms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.source.SecretsFile;
import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator on the real TPC-C source as the demo runs it: the DMS replication role (not the
 * owner), the source's own FOR ALL TABLES publication, the HammerDB schema.
 */
class TpccCaptureIT {
    @TempDir
    Path home;

    @Test
    void capturesTpccTransactionsAsTheDmsRoleThroughTheSourcePublication() throws Exception {
        try (var source = TpccSource.builder()
                .home(home)
                .durable(false)
                .warehouses(1)
                .scale(TpccScale.TINY)
                .build()) {
            var options = new EmulatorOptions(
                    source.secretsFile(),
                    SecretsFile.DMS_SECRET,
                    home.resolve("s3/lakepipe-bronze"),
                    home.resolve("cdc"),
                    null,
                    List.of("public"),
                    DataFormat.PARQUET,
                    CompressionType.GZIP,
                    1,
                    131_072,
                    "lakepipe_dms",
                    source.publication());
            try (var emulator = options.emulator()) {
                emulator.start();
                try (var connection = source.adminConnection();
                        var statement = connection.createStatement()) {
                    connection.setAutoCommit(false);
                    statement.execute(
                            "update district set d_next_o_id = d_next_o_id + 1 where d_w_id = 1 and d_id = 1");
                    statement.execute(
                            "insert into orders values ('2024-01-15 09:30:12.345678+00', 900001, 1, 1, 1, null, 1, 1)");
                    statement.execute("insert into new_order values (1, 900001, 1)");
                    statement.execute(
                            "insert into order_line values (null, 900001, 1, 1, 1, 1, 1, 5, 12.34, 'dist-info')");
                    statement.execute("update stock set s_quantity = s_quantity - 5 where s_i_id = 1 and s_w_id = 1");
                    connection.commit();
                    statement.execute("delete from new_order where no_w_id = 1 and no_d_id = 1 and no_o_id = 900001");
                    statement.execute(
                            "update orders set o_carrier_id = 3 where o_w_id = 1 and o_d_id = 1 and o_id = 900001");
                    statement.execute(
                            "insert into history values ('2024-01-15 09:30:13+00', 1, 1, 1, 1, 1, 10.00, 'payment')");
                    connection.commit();
                }

                var bronze = options.bronzeRoot().resolve("incremental/tpcc/public");
                var orders = await(bronze, "orders", 2);
                assertThat(orders).extracting(row -> row.get("Op")).containsExactly("I", "U");
                assertThat(orders.get(0).keySet())
                        .containsExactly(
                                "Op",
                                "o_entry_d",
                                "o_id",
                                "o_w_id",
                                "o_c_id",
                                "o_d_id",
                                "o_carrier_id",
                                "o_ol_cnt",
                                "o_all_local",
                                "trx_seq",
                                "_hoodie_is_deleted",
                                "BI_o_w_id",
                                "BI_o_d_id",
                                "BI_o_id");
                assertThat(orders.get(0))
                        .containsEntry("o_entry_d", 1705311012345678L)
                        .containsEntry("o_d_id", 1)
                        .containsEntry("o_carrier_id", null);
                assertThat(orders.get(1)).containsEntry("o_carrier_id", 3).containsEntry("BI_o_id", 900001);
                assertThat(await(bronze, "new_order", 2))
                        .extracting(row -> row.get("Op"), row -> row.get("_hoodie_is_deleted"))
                        .containsExactly(Tuple.tuple("I", false), Tuple.tuple("D", true));
                assertThat(await(bronze, "order_line", 1).get(0))
                        .containsEntry("ol_amount", new BigDecimal("12.34"))
                        .containsEntry("ol_dist_info", "dist-info" + " ".repeat(15));
                assertThat(await(bronze, "stock", 1).get(0)).containsEntry("Op", "U");
                assertThat(await(bronze, "district", 1).get(0)).containsEntry("Op", "U");
                assertThat(await(bronze, "history", 1).get(0).keySet())
                        .containsExactly(
                                "Op",
                                "h_date",
                                "h_c_id",
                                "h_c_w_id",
                                "h_w_id",
                                "h_c_d_id",
                                "h_d_id",
                                "h_amount",
                                "h_data",
                                "trx_seq",
                                "_hoodie_is_deleted");

                var schema = ChangeFileReader.parquetSchema(
                        ChangeFileReader.files(bronze.resolve("order_line")).get(0));
                assertThat(schema.getType("ol_amount").getLogicalTypeAnnotation())
                        .isEqualTo(LogicalTypeAnnotation.decimalType(2, 6));
                assertThat(schema.getType("ol_number").getLogicalTypeAnnotation())
                        .isEqualTo(LogicalTypeAnnotation.intType(16, true));
                assertThat(schema.getType("ol_delivery_d").getLogicalTypeAnnotation())
                        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            }
        }
    }

    private static List<Map<String, Object>> await(Path bronze, String table, int count) throws InterruptedException {
        return Await.until(
                () -> ChangeFileReader.parquetRows(bronze.resolve(table)),
                rows -> rows.size() >= count,
                Duration.ofSeconds(60));
    }
}
