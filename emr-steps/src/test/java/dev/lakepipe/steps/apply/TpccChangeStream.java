package dev.lakepipe.steps.apply;

import static org.apache.spark.sql.types.DataTypes.createStructField;

import dev.lakepipe.dms.ChangeSequence;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A synthetic, TPC-C-shaped stream of DMS change rows for three tables (used by {@link CdcBench}): each
 * New-Order inserts one {@code new_order} row and ten {@code order_line} rows and updates ten {@code stock}
 * rows; every tenth transaction is a Delivery that deletes the oldest {@code new_order} row of each of the
 * ten districts of a warehouse and updates their order lines. Rows are {@code Op, <columns>, trx_seq}.
 */
final class TpccChangeStream {

    static final int DISTRICTS = 10;
    static final int ITEMS = 10_000;
    static final int INITIAL_ORDERS = 300;
    static final int INITIAL_NEW_ORDERS = 90;
    static final int LINES = 10;

    static final StructType STOCK = DataTypes.createStructType(List.of(
            createStructField("s_w_id", DataTypes.IntegerType, true),
            createStructField("s_i_id", DataTypes.IntegerType, true),
            createStructField("s_quantity", DataTypes.IntegerType, true),
            createStructField("s_ytd", DataTypes.createDecimalType(8, 0), true),
            createStructField("s_data", DataTypes.StringType, true)));
    static final StructType ORDER_LINE = DataTypes.createStructType(List.of(
            createStructField("ol_w_id", DataTypes.IntegerType, true),
            createStructField("ol_d_id", DataTypes.IntegerType, true),
            createStructField("ol_o_id", DataTypes.IntegerType, true),
            createStructField("ol_number", DataTypes.IntegerType, true),
            createStructField("ol_i_id", DataTypes.IntegerType, true),
            createStructField("ol_amount", DataTypes.createDecimalType(6, 2), true),
            createStructField("ol_delivery_d", DataTypes.TimestampType, true)));
    static final StructType NEW_ORDER = DataTypes.createStructType(List.of(
            createStructField("no_w_id", DataTypes.IntegerType, true),
            createStructField("no_d_id", DataTypes.IntegerType, true),
            createStructField("no_o_id", DataTypes.IntegerType, true)));

    private final int warehouses;
    private final Random random = new Random(42);
    private final Map<Integer, Integer> nextOrder = new HashMap<>();
    private final Map<Integer, Integer> oldestNewOrder = new HashMap<>();
    private long counter = 1_000_000;
    private long transactions;

    final List<Object[]> stock = new ArrayList<>();
    final List<Object[]> orderLine = new ArrayList<>();
    final List<Object[]> newOrder = new ArrayList<>();

    TpccChangeStream(int warehouses) {
        this.warehouses = warehouses;
        for (int w = 1; w <= warehouses; w++) {
            for (int d = 1; d <= DISTRICTS; d++) {
                nextOrder.put(district(w, d), INITIAL_ORDERS + 1);
                oldestNewOrder.put(district(w, d), INITIAL_ORDERS - INITIAL_NEW_ORDERS + 1);
            }
        }
    }

    /** The full-load rows (Op I, the full-load trx_seq) of each table, as seed_hudi would have written them. */
    static Map<String, List<Object[]>> initialRows(int warehouses, String fullLoadSeq) {
        var stock = new ArrayList<Object[]>();
        var lines = new ArrayList<Object[]>();
        var newOrders = new ArrayList<Object[]>();
        var delivered = Timestamp.valueOf("2026-11-23 10:00:00");
        for (int w = 1; w <= warehouses; w++) {
            for (int i = 1; i <= ITEMS; i++) {
                stock.add(new Object[] {"I", w, i, 50, BigDecimal.ZERO, "stock-data-" + i, fullLoadSeq});
            }
            for (int d = 1; d <= DISTRICTS; d++) {
                for (int o = 1; o <= INITIAL_ORDERS; o++) {
                    var open = o > INITIAL_ORDERS - INITIAL_NEW_ORDERS;
                    for (int n = 1; n <= LINES; n++) {
                        lines.add(new Object[] {
                            "I",
                            w,
                            d,
                            o,
                            n,
                            (o * 31 + n) % ITEMS + 1,
                            new BigDecimal("9.99"),
                            open ? null : delivered,
                            fullLoadSeq
                        });
                    }
                    if (open) {
                        newOrders.add(new Object[] {"I", w, d, o, fullLoadSeq});
                    }
                }
            }
        }
        return Map.of("stock", stock, "order_line", lines, "new_order", newOrders);
    }

    /** One transaction committed at {@code commitTime}: a New-Order, and every tenth time also a Delivery. */
    void transaction(Instant commitTime) {
        var w = random.nextInt(warehouses) + 1;
        var d = random.nextInt(DISTRICTS) + 1;
        var o = nextOrder.merge(district(w, d), 1, Integer::sum) - 1;
        newOrder.add(new Object[] {"I", w, d, o, seq(commitTime)});
        for (int n = 1; n <= LINES; n++) {
            var item = random.nextInt(ITEMS) + 1;
            orderLine.add(new Object[] {
                "I", w, d, o, n, item, new BigDecimal(random.nextInt(9999) + 1).movePointLeft(2), null, seq(commitTime)
            });
            stock.add(new Object[] {
                "U",
                w,
                item,
                random.nextInt(91) + 10,
                new BigDecimal(random.nextInt(1000)),
                "stock-data-" + item,
                seq(commitTime)
            });
        }
        if (++transactions % 10 == 0) {
            deliver(random.nextInt(warehouses) + 1, commitTime);
        }
    }

    private void deliver(int w, Instant commitTime) {
        var delivered = Timestamp.from(commitTime);
        for (int d = 1; d <= DISTRICTS; d++) {
            var oldest = oldestNewOrder.get(district(w, d));
            if (oldest >= nextOrder.get(district(w, d))) {
                continue;
            }
            oldestNewOrder.put(district(w, d), oldest + 1);
            newOrder.add(new Object[] {"D", w, d, oldest, seq(commitTime)});
            for (int n = 1; n <= LINES; n++) {
                orderLine.add(new Object[] {
                    "U",
                    w,
                    d,
                    oldest,
                    n,
                    (oldest * 31 + n) % ITEMS + 1,
                    new BigDecimal("9.99"),
                    delivered,
                    seq(commitTime)
                });
            }
        }
    }

    /** Takes the buffered rows of a table (a DMS file's worth). */
    static List<Object[]> drain(List<Object[]> rows) {
        var copy = List.copyOf(rows);
        rows.clear();
        return copy;
    }

    private String seq(Instant commitTime) {
        return new ChangeSequence(commitTime, counter++).toString();
    }

    private static int district(int w, int d) {
        return w * 100 + d;
    }
}
