package dev.lakepipe.tpcc;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.source.JdbcConnector;
import dev.lakepipe.source.SourceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the initial TPC-C population (clause 4.3.3) with COPY, one connection per task, tasks
 * in parallel. Every task draws from its own random stream derived from the seed and its
 * coordinates, so the same seed, scale and warehouse count give the same rows whatever the
 * parallelism or scheduling.
 */
public final class TpccGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(TpccGenerator.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private final int warehouses;
    private final TpccScale scale;
    private final long seed;
    private final String loadTime;
    private final int parallelism;

    private TpccGenerator(Builder builder) {
        this.warehouses = builder.warehouses;
        this.scale = builder.scale;
        this.seed = builder.seed;
        this.loadTime = TIMESTAMP.format(builder.loadTime);
        this.parallelism = builder.parallelism;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads every table; they must exist and be empty. */
    public GenerationReport generate(JdbcConnector connector) {
        requireNonNull(connector, "connector is null");
        requireEmptyTables(connector);
        long started = System.nanoTime();
        var counts = new EnumMap<TpccTable, Long>(TpccTable.class);
        var executor = DaemonThreads.pool("tpcc-generator", parallelism);
        try {
            var futures = new ArrayList<Future<Map<TpccTable, Long>>>();
            for (var task : tasks()) {
                futures.add(executor.submit(() -> runTask(connector, task)));
            }
            for (var future : futures) {
                future.get().forEach((table, rows) -> counts.merge(table, rows, Long::sum));
            }
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SourceException(cause, "Failed to generate TPC-C data: %s", cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(e, "Cannot generate TPC-C data: interrupted");
        } finally {
            executor.shutdownNow();
        }
        analyze(connector);
        var report = new GenerationReport(warehouses, counts, Duration.ofNanos(System.nanoTime() - started));
        LOG.info(
                "Generated {} TPC-C rows for {} warehouse(s) in {} ms",
                report.totalRows(),
                warehouses,
                report.duration().toMillis());
        return report;
    }

    private List<Task> tasks() {
        var tasks = new ArrayList<Task>();
        for (int w = 1; w <= warehouses; w++) {
            int warehouse = w;
            tasks.add(new Task("order_line w" + w, c -> orderLines(c, warehouse)));
            tasks.add(new Task("stock w" + w, c -> stock(c, warehouse)));
            tasks.add(new Task("customer w" + w, c -> customers(c, warehouse)));
            tasks.add(new Task("orders w" + w, c -> orders(c, warehouse)));
            tasks.add(new Task("history w" + w, c -> history(c, warehouse)));
            tasks.add(new Task("new_order w" + w, c -> newOrders(c, warehouse)));
            tasks.add(new Task("warehouse w" + w, c -> warehouseAndDistricts(c, warehouse)));
        }
        tasks.add(new Task("item", this::items));
        return tasks;
    }

    private Map<TpccTable, Long> runTask(JdbcConnector connector, Task task) {
        try (var connection = connector.connect()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("SET synchronous_commit = off");
            }
            return task.body().load(connection);
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to load %s: %s", task.name(), e.getMessage());
        }
    }

    private Map<TpccTable, Long> items(Connection connection) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.ITEM.ordinal()));
        try (var copy = CopyWriter.open(connection, "item", "i_id, i_im_id, i_name, i_price, i_data")) {
            for (int i = 1; i <= scale.items(); i++) {
                copy.number(i)
                        .number(random.uniform(1, 10_000))
                        .text(random.alpha(14, 24))
                        .decimal(random.uniform(100, 10_000), 2)
                        .text(random.data(26, 50))
                        .endRow();
            }
            return Map.of(TpccTable.ITEM, copy.finish());
        }
    }

    private Map<TpccTable, Long> warehouseAndDistricts(Connection connection, int w) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.WAREHOUSE.ordinal(), w));
        long warehouseRows;
        try (var copy = CopyWriter.open(
                connection,
                "warehouse",
                "w_id, w_name, w_street_1, w_street_2, w_city, w_state, w_zip, w_tax, w_ytd")) {
            copy.number(w).text(random.alpha(6, 10));
            address(copy, random);
            copy.decimal(random.uniform(0, 2_000), 4).decimal(30_000_000L, 2).endRow();
            warehouseRows = copy.finish();
        }
        try (var copy = CopyWriter.open(
                connection,
                "district",
                "d_id, d_w_id, d_name, d_street_1, d_street_2, d_city, d_state, d_zip, d_tax, d_ytd, d_next_o_id")) {
            for (int d = 1; d <= TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                copy.number(d).number(w).text(random.alpha(6, 10));
                address(copy, random);
                copy.decimal(random.uniform(0, 2_000), 4)
                        .decimal(3_000_000L, 2)
                        .number(scale.ordersPerDistrict() + 1L)
                        .endRow();
            }
            return Map.of(TpccTable.WAREHOUSE, warehouseRows, TpccTable.DISTRICT, copy.finish());
        }
    }

    private Map<TpccTable, Long> stock(Connection connection, int w) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.STOCK.ordinal(), w));
        var columns = "s_i_id, s_w_id, s_quantity, s_dist_01, s_dist_02, s_dist_03, s_dist_04, s_dist_05,"
                + " s_dist_06, s_dist_07, s_dist_08, s_dist_09, s_dist_10, s_ytd, s_order_cnt, s_remote_cnt, s_data";
        var field = new StringBuilder(24);
        try (var copy = CopyWriter.open(connection, "stock", columns)) {
            for (int i = 1; i <= scale.items(); i++) {
                copy.number(i).number(w).number(random.uniform(10, 100));
                for (int d = 0; d < TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                    field.setLength(0);
                    random.appendAlpha(field, 24, 24);
                    copy.text(field);
                }
                copy.number(0).number(0).number(0).text(random.data(26, 50)).endRow();
            }
            return Map.of(TpccTable.STOCK, copy.finish());
        }
    }

    private Map<TpccTable, Long> customers(Connection connection, int w) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.CUSTOMER.ordinal(), w));
        var columns = "c_id, c_d_id, c_w_id, c_first, c_middle, c_last, c_street_1, c_street_2, c_city, c_state,"
                + " c_zip, c_phone, c_since, c_credit, c_credit_lim, c_discount, c_balance, c_ytd_payment,"
                + " c_payment_cnt, c_delivery_cnt, c_data";
        try (var copy = CopyWriter.open(connection, "customer", columns)) {
            for (int d = 1; d <= TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                for (int c = 1; c <= scale.customersPerDistrict(); c++) {
                    int lastName = c <= 1000 ? c - 1 : random.nuRand(255, TpccRandom.C_LAST, 0, 999);
                    copy.number(c)
                            .number(d)
                            .number(w)
                            .text(random.alpha(8, 16))
                            .text("OE")
                            .text(TpccRandom.lastName(lastName));
                    address(copy, random);
                    copy.text(random.digits(16))
                            .text(loadTime)
                            .text(random.percent(10) ? "BC" : "GC")
                            .decimal(5_000_000L, 2)
                            .decimal(random.uniform(0, 5_000), 4)
                            .decimal(-1_000L, 2)
                            .decimal(1_000L, 2)
                            .number(1)
                            .number(0)
                            .text(random.alpha(300, 500))
                            .endRow();
                }
            }
            return Map.of(TpccTable.CUSTOMER, copy.finish());
        }
    }

    private Map<TpccTable, Long> history(Connection connection, int w) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.HISTORY.ordinal(), w));
        try (var copy = CopyWriter.open(
                connection, "history", "h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date, h_amount, h_data")) {
            for (int d = 1; d <= TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                for (int c = 1; c <= scale.customersPerDistrict(); c++) {
                    copy.number(c)
                            .number(d)
                            .number(w)
                            .number(d)
                            .number(w)
                            .text(loadTime)
                            .decimal(1_000L, 2)
                            .text(random.alpha(12, 24))
                            .endRow();
                }
            }
            return Map.of(TpccTable.HISTORY, copy.finish());
        }
    }

    private Map<TpccTable, Long> orders(Connection connection, int w) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.ORDERS.ordinal(), w));
        try (var copy = CopyWriter.open(
                connection, "orders", "o_id, o_c_id, o_d_id, o_w_id, o_entry_d, o_carrier_id, o_ol_cnt, o_all_local")) {
            for (int d = 1; d <= TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                var plan = orderPlan(w, d);
                for (int o = 1; o <= scale.ordersPerDistrict(); o++) {
                    copy.number(o).number(plan.customer(o)).number(d).number(w).text(loadTime);
                    if (o < scale.firstNewOrderId()) {
                        copy.number(random.uniform(1, 10));
                    } else {
                        copy.nullValue();
                    }
                    copy.number(plan.lineCount(o)).number(1).endRow();
                }
            }
            return Map.of(TpccTable.ORDERS, copy.finish());
        }
    }

    private Map<TpccTable, Long> newOrders(Connection connection, int w) {
        try (var copy = CopyWriter.open(connection, "new_order", "no_o_id, no_d_id, no_w_id")) {
            for (int d = 1; d <= TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                for (int o = scale.firstNewOrderId(); o <= scale.ordersPerDistrict(); o++) {
                    copy.number(o).number(d).number(w).endRow();
                }
            }
            return Map.of(TpccTable.NEW_ORDER, copy.finish());
        }
    }

    private Map<TpccTable, Long> orderLines(Connection connection, int w) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, TpccTable.ORDER_LINE.ordinal(), w));
        var columns = "ol_o_id, ol_d_id, ol_w_id, ol_number, ol_i_id, ol_supply_w_id, ol_delivery_d,"
                + " ol_quantity, ol_amount, ol_dist_info";
        var distInfo = new StringBuilder(24);
        try (var copy = CopyWriter.open(connection, "order_line", columns)) {
            for (int d = 1; d <= TpccScale.DISTRICTS_PER_WAREHOUSE; d++) {
                var plan = orderPlan(w, d);
                for (int o = 1; o <= scale.ordersPerDistrict(); o++) {
                    boolean delivered = o < scale.firstNewOrderId();
                    for (int line = 1; line <= plan.lineCount(o); line++) {
                        copy.number(o)
                                .number(d)
                                .number(w)
                                .number(line)
                                .number(random.uniform(1, scale.items()))
                                .number(w);
                        if (delivered) {
                            copy.text(loadTime);
                        } else {
                            copy.nullValue();
                        }
                        distInfo.setLength(0);
                        random.appendAlpha(distInfo, 24, 24);
                        copy.number(5)
                                .decimal(delivered ? 0 : random.uniform(1, 999_999), 2)
                                .text(distInfo)
                                .endRow();
                    }
                }
            }
            return Map.of(TpccTable.ORDER_LINE, copy.finish());
        }
    }

    /** The customer permutation and line counts of one district's orders, shared by three tasks. */
    private OrderPlan orderPlan(int w, int d) {
        var random = new TpccRandom(TpccRandom.seedFor(seed, -1, w, d));
        int orders = scale.ordersPerDistrict();
        var customers = new int[orders + 1];
        var lineCounts = new int[orders + 1];
        for (int i = 1; i <= orders; i++) {
            customers[i] = i;
        }
        for (int i = orders; i > 1; i--) {
            int j = random.uniform(1, i);
            int swap = customers[i];
            customers[i] = customers[j];
            customers[j] = swap;
        }
        for (int i = 1; i <= orders; i++) {
            lineCounts[i] = random.uniform(5, 15);
        }
        return new OrderPlan(customers, lineCounts);
    }

    private static void address(CopyWriter copy, TpccRandom random) {
        copy.text(random.alpha(10, 20))
                .text(random.alpha(10, 20))
                .text(random.alpha(10, 20))
                .text(random.state())
                .text(random.zip());
    }

    private void requireEmptyTables(JdbcConnector connector) {
        try (var connection = connector.connect()) {
            if (!TpccSchema.exists(connection)) {
                throw new SourceException("Cannot generate TPC-C data: the TPC-C tables do not exist;"
                        + " create them first (TpccSchema.create or lakepipe source start)");
            }
            for (var table : TpccTable.values()) {
                try (var statement = connection.createStatement();
                        var result =
                                statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.tableName() + ")")) {
                    result.next();
                    if (result.getBoolean(1)) {
                        throw new SourceException(
                                "Cannot generate TPC-C data: table %s is not empty;"
                                        + " reset the source first (--reset)",
                                table.qualifiedName());
                    }
                }
            }
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to inspect the TPC-C tables: %s", e.getMessage());
        }
    }

    private static void analyze(JdbcConnector connector) {
        try (var connection = connector.connect();
                var statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to analyze the TPC-C tables: %s", e.getMessage());
        }
    }

    private record OrderPlan(int[] customers, int[] lineCounts) {
        int customer(int order) {
            return customers[order];
        }

        int lineCount(int order) {
            return lineCounts[order];
        }
    }

    @FunctionalInterface
    private interface TableLoad {
        Map<TpccTable, Long> load(Connection connection) throws SQLException;
    }

    private record Task(String name, TableLoad body) {}

    /**
     * Options of the generator. Defaults: 1 warehouse, {@link TpccScale#STANDARD}, seed 1, load
     * time 2026-01-01T00:00:00Z (every generated timestamp), parallelism = processors + 1.
     */
    public static final class Builder {
        private int warehouses = 1;
        private TpccScale scale = TpccScale.STANDARD;
        private long seed = 1;
        private Instant loadTime = Instant.parse("2026-01-01T00:00:00Z");
        private int parallelism = Runtime.getRuntime().availableProcessors() + 1;

        private Builder() {}

        public Builder warehouses(int warehouses) {
            if (warehouses < 1) {
                throw new IllegalArgumentException("Invalid warehouses: " + warehouses + " (expected at least 1)");
            }
            this.warehouses = warehouses;
            return this;
        }

        public Builder scale(TpccScale scale) {
            this.scale = requireNonNull(scale, "scale is null");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder loadTime(Instant loadTime) {
            this.loadTime = requireNonNull(loadTime, "loadTime is null");
            return this;
        }

        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("Invalid parallelism: " + parallelism + " (expected at least 1)");
            }
            this.parallelism = parallelism;
            return this;
        }

        public TpccGenerator build() {
            return new TpccGenerator(this);
        }
    }
}
