package dev.lakepipe.tpcc;

import static dev.lakepipe.tpcc.TpccSourceIT.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpccWorkloadIT {

    @TempDir
    Path home;

    @Test
    void changesEveryTableTpccChangesAndKeepsTheDatabaseConsistent() throws Exception {
        try (var source = TpccSource.builder()
                        .home(home)
                        .durable(false)
                        .warehouses(2)
                        .scale(TpccScale.TINY)
                        .build();
                var connection = source.adminConnection()) {
            var before = awaitStats(connection, Map.of("order_line", 0L), Map.of());

            var report = TpccWorkload.builder()
                    .rate(0)
                    .threads(2)
                    .maxTransactions(600)
                    .duration(Duration.ofSeconds(60))
                    .seed(3)
                    .build()
                    .run(source.connector());

            long newOrders = report.committed(TransactionType.NEW_ORDER);
            long payments = report.committed(TransactionType.PAYMENT);
            assertThat(report.committedInMixOrder().values()).allMatch(count -> count > 0);
            assertThat(report.totalCommitted() + report.rolledBack()).isEqualTo(600);
            assertThat(newOrders).isGreaterThan(200);

            var after = awaitStats(connection, Map.of("history", payments), before);
            var delta = delta(before, after);
            assertThat(delta.get("history")).containsExactly(payments, 0L, 0L);
            assertThat(delta.get("orders")[0]).isGreaterThanOrEqualTo(newOrders);
            assertThat(delta.get("new_order")[0]).isGreaterThanOrEqualTo(newOrders);
            assertThat(delta.get("order_line")[0]).isGreaterThanOrEqualTo(5 * newOrders);
            assertThat(delta.get("new_order")[2]).isPositive();
            assertThat(delta.get("orders")[1]).isPositive();
            assertThat(delta.get("order_line")[1]).isPositive();
            assertThat(delta.get("warehouse")[1]).isGreaterThanOrEqualTo(payments);
            assertThat(delta.get("district")[1]).isGreaterThanOrEqualTo(newOrders + payments);
            assertThat(delta.get("customer")[1]).isGreaterThan(payments);
            assertThat(delta.get("stock")[1]).isGreaterThanOrEqualTo(5 * newOrders);
            assertThat(delta.get("item")).containsExactly(0L, 0L, 0L);
            for (var table :
                    new String[] {"warehouse", "district", "customer", "history", "orders", "order_line", "stock"}) {
                assertThat(delta.get(table)[2]).as("deletes from %s", table).isZero();
            }

            // TPC-C consistency conditions 1 to 4 (clause 3.3.2)
            assertThat(scalar(
                            connection,
                            "SELECT count(*) FROM warehouse w WHERE w_ytd - 300000"
                                    + " <> (SELECT sum(d_ytd - 30000) FROM district WHERE d_w_id = w_id)"))
                    .isZero();
            assertThat(scalar(
                            connection,
                            "SELECT count(*) FROM district WHERE d_next_o_id - 1 <>"
                                    + " (SELECT max(o_id) FROM orders WHERE o_w_id = d_w_id AND o_d_id = d_id)"))
                    .isZero();
            assertThat(scalar(connection, "SELECT count(*) FROM new_order"))
                    .isEqualTo(scalar(connection, "SELECT count(*) FROM orders WHERE o_carrier_id IS NULL"));
            assertThat(scalar(connection, "SELECT sum(o_ol_cnt) FROM orders"))
                    .isEqualTo(scalar(connection, "SELECT count(*) FROM order_line"));
            System.out.printf(
                    "workload: %s, %.0f tx/s, %d rolled back, %d retries%n",
                    report.committedInMixOrder(), report.throughput(), report.rolledBack(), report.retries());
        }
    }

    /** Table statistics reach pg_stat_user_tables asynchronously; wait until they show the expected inserts. */
    private static Map<String, long[]> awaitStats(
            Connection connection, Map<String, Long> minimumInserts, Map<String, long[]> before)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            var stats = stats(connection);
            boolean ready = minimumInserts.entrySet().stream()
                    .allMatch(expected ->
                            stats.get(expected.getKey())[0] - before.getOrDefault(expected.getKey(), new long[3])[0]
                                    >= Math.max(1, expected.getValue()));
            if (ready || System.nanoTime() > deadline) {
                return stats;
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, long[]> stats(Connection connection) throws SQLException {
        var stats = new HashMap<String, long[]>();
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (var result = statement.executeQuery(
                    "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE schemaname = 'public'")) {
                while (result.next()) {
                    stats.put(
                            result.getString(1), new long[] {result.getLong(2), result.getLong(3), result.getLong(4)});
                }
            }
        }
        return stats;
    }

    private static Map<String, long[]> delta(Map<String, long[]> before, Map<String, long[]> after) {
        var delta = new HashMap<String, long[]>();
        after.forEach((table, counts) -> {
            var base = before.get(table);
            delta.put(table, new long[] {counts[0] - base[0], counts[1] - base[1], counts[2] - base[2]});
        });
        return delta;
    }
}
