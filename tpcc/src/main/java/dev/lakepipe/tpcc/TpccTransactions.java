package dev.lakepipe.tpcc;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.source.SourceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The five TPC-C transactions (clause 2) in plain JDBC, one connection, autocommit off. Each
 * method is one database transaction; it commits, or rolls back and rethrows. Stock rows are
 * locked in (warehouse, item) order so concurrent New-Orders cannot deadlock each other.
 */
final class TpccTransactions {

    /** New-Order outcome: committed, or rolled back on purpose because of the unused item id. */
    enum Outcome {
        COMMITTED,
        ROLLED_BACK
    }

    private static final int DISTRICTS = TpccScale.DISTRICTS_PER_WAREHOUSE;

    private final Connection connection;
    private final TpccRandom random;
    private final WorkloadShape shape;

    TpccTransactions(Connection connection, TpccRandom random, WorkloadShape shape) throws SQLException {
        this.connection = requireNonNull(connection, "connection is null");
        this.random = requireNonNull(random, "random is null");
        this.shape = requireNonNull(shape, "shape is null");
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    /** The size of the database the transactions pick ids from. */
    record WorkloadShape(int warehouses, int items, int customersPerDistrict) {

        static WorkloadShape of(Connection connection) throws SQLException {
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(
                            "SELECT (SELECT count(*) FROM warehouse), (SELECT max(i_id) FROM item),"
                                    + " (SELECT max(c_id) FROM customer WHERE c_w_id = 1 AND c_d_id = 1)")) {
                result.next();
                if (result.getInt(1) == 0 || result.getInt(2) == 0 || result.getInt(3) == 0) {
                    throw new SourceException("Cannot run the TPC-C workload: the database has no data;"
                            + " generate it first (lakepipe source generate --warehouses N)");
                }
                return new WorkloadShape(result.getInt(1), result.getInt(2), result.getInt(3));
            }
        }
    }

    Outcome run(TransactionType type) throws SQLException {
        try {
            var outcome = switch (type) {
                case NEW_ORDER -> newOrder();
                case PAYMENT -> payment();
                case ORDER_STATUS -> orderStatus();
                case DELIVERY -> delivery();
                case STOCK_LEVEL -> stockLevel();
            };
            if (outcome == Outcome.COMMITTED) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return outcome;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private Outcome newOrder() throws SQLException {
        int w = warehouse();
        int d = random.uniform(1, DISTRICTS);
        int c = random.customerId(shape.customersPerDistrict());
        var lines = orderLines(w);
        boolean allLocal = lines.stream().allMatch(line -> line.supplyWarehouse() == w);

        BigDecimal discount;
        try (var result =
                query("SELECT c_discount FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?", w, d, c)) {
            result.next();
            discount = result.getBigDecimal(1);
        }
        BigDecimal warehouseTax = decimal("SELECT w_tax FROM warehouse WHERE w_id = ?", w);
        int orderId;
        BigDecimal districtTax;
        try (var result = query(
                "UPDATE district SET d_next_o_id = d_next_o_id + 1 WHERE d_w_id = ? AND d_id = ?"
                        + " RETURNING d_next_o_id - 1, d_tax",
                w,
                d)) {
            result.next();
            orderId = result.getInt(1);
            districtTax = result.getBigDecimal(2);
        }
        update(
                "INSERT INTO orders (o_id, o_d_id, o_w_id, o_c_id, o_entry_d, o_carrier_id, o_ol_cnt, o_all_local)"
                        + " VALUES (?, ?, ?, ?, current_timestamp, NULL, ?, ?)",
                orderId,
                d,
                w,
                c,
                lines.size(),
                allLocal ? 1 : 0);
        update("INSERT INTO new_order (no_o_id, no_d_id, no_w_id) VALUES (?, ?, ?)", orderId, d, w);

        var factor = BigDecimal.ONE.add(warehouseTax).add(districtTax).multiply(BigDecimal.ONE.subtract(discount));
        var distColumn = String.format("s_dist_%02d", d);
        try (var insert = connection.prepareStatement("INSERT INTO order_line (ol_o_id, ol_d_id, ol_w_id, ol_number,"
                + " ol_i_id, ol_supply_w_id, ol_delivery_d, ol_quantity, ol_amount, ol_dist_info)"
                + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")) {
            for (var line : lines) {
                BigDecimal price;
                try (var item = query("SELECT i_price FROM item WHERE i_id = ?", line.item())) {
                    if (!item.next()) {
                        return Outcome.ROLLED_BACK;
                    }
                    price = item.getBigDecimal(1);
                }
                String distInfo;
                try (var stock = query(
                        "SELECT s_quantity, " + distColumn + " FROM stock WHERE s_i_id = ? AND s_w_id = ?"
                                + " FOR UPDATE",
                        line.item(),
                        line.supplyWarehouse())) {
                    stock.next();
                    int quantity = stock.getInt(1);
                    distInfo = stock.getString(2);
                    int remaining = quantity - line.quantity() >= 10
                            ? quantity - line.quantity()
                            : quantity - line.quantity() + 91;
                    update(
                            "UPDATE stock SET s_quantity = ?, s_ytd = s_ytd + ?, s_order_cnt = s_order_cnt + 1,"
                                    + " s_remote_cnt = s_remote_cnt + ? WHERE s_i_id = ? AND s_w_id = ?",
                            remaining,
                            line.quantity(),
                            line.supplyWarehouse() == w ? 0 : 1,
                            line.item(),
                            line.supplyWarehouse());
                }
                var amount = price.multiply(BigDecimal.valueOf(line.quantity()))
                        .multiply(factor)
                        .setScale(2, RoundingMode.HALF_UP)
                        .min(new BigDecimal("9999.99"));
                bind(
                        insert,
                        orderId,
                        d,
                        w,
                        line.number(),
                        line.item(),
                        line.supplyWarehouse(),
                        line.quantity(),
                        amount,
                        distInfo);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return Outcome.COMMITTED;
    }

    private record Line(int number, int item, int supplyWarehouse, int quantity) {}

    /** 5 to 15 lines, 1% supplied remotely, 1% of orders ending in an unused item id; locked in key order. */
    private List<Line> orderLines(int w) {
        int count = random.uniform(5, 15);
        boolean rollback = random.percent(1);
        var picked = new ArrayList<int[]>();
        for (int i = 0; i < count; i++) {
            int item = rollback && i == count - 1 ? shape.items() + 1 : random.itemId(shape.items());
            int supply = shape.warehouses() > 1 && random.percent(1) ? otherWarehouse(w) : w;
            if (picked.stream().noneMatch(p -> p[0] == item && p[1] == supply)) {
                picked.add(new int[] {item, supply});
            }
        }
        picked.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[0], b[0]));
        var lines = new ArrayList<Line>();
        for (var p : picked) {
            lines.add(new Line(lines.size() + 1, p[0], p[1], random.uniform(1, 10)));
        }
        return lines;
    }

    private Outcome payment() throws SQLException {
        int w = warehouse();
        int d = random.uniform(1, DISTRICTS);
        boolean remote = shape.warehouses() > 1 && random.percent(15);
        int customerWarehouse = remote ? otherWarehouse(w) : w;
        int customerDistrict = remote ? random.uniform(1, DISTRICTS) : d;
        var amount = BigDecimal.valueOf(random.uniform(100, 500_000), 2);

        String warehouseName;
        try (var result = query("UPDATE warehouse SET w_ytd = w_ytd + ? WHERE w_id = ? RETURNING w_name", amount, w)) {
            result.next();
            warehouseName = result.getString(1);
        }
        String districtName;
        try (var result = query(
                "UPDATE district SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ? RETURNING d_name", amount, w, d)) {
            result.next();
            districtName = result.getString(1);
        }
        int c = customer(customerWarehouse, customerDistrict);
        String credit;
        try (var result = query(
                "SELECT c_credit FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_id = ? FOR UPDATE",
                customerWarehouse,
                customerDistrict,
                c)) {
            result.next();
            credit = result.getString(1);
        }
        if ("BC".equals(credit)) {
            var note = c + " " + customerDistrict + " " + customerWarehouse + " " + d + " " + w + " " + amount + " | ";
            update(
                    "UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?,"
                            + " c_payment_cnt = c_payment_cnt + 1, c_data = left(? || c_data, 500)"
                            + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                    amount,
                    amount,
                    note,
                    customerWarehouse,
                    customerDistrict,
                    c);
        } else {
            update(
                    "UPDATE customer SET c_balance = c_balance - ?, c_ytd_payment = c_ytd_payment + ?,"
                            + " c_payment_cnt = c_payment_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                    amount,
                    amount,
                    customerWarehouse,
                    customerDistrict,
                    c);
        }
        update(
                "INSERT INTO history (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date, h_amount, h_data)"
                        + " VALUES (?, ?, ?, ?, ?, current_timestamp, ?, ?)",
                c,
                customerDistrict,
                customerWarehouse,
                d,
                w,
                amount,
                warehouseName + "    " + districtName);
        return Outcome.COMMITTED;
    }

    private Outcome orderStatus() throws SQLException {
        int w = warehouse();
        int d = random.uniform(1, DISTRICTS);
        int c = customer(w, d);
        try (var result = query(
                "SELECT c_balance, c_first, c_middle, c_last FROM customer"
                        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                w,
                d,
                c)) {
            result.next();
        }
        try (var order = query(
                "SELECT o_id, o_carrier_id, o_entry_d FROM orders WHERE o_w_id = ? AND o_d_id = ?"
                        + " AND o_c_id = ? ORDER BY o_id DESC LIMIT 1",
                w,
                d,
                c)) {
            if (order.next()) {
                try (var lines = query(
                        "SELECT ol_i_id, ol_supply_w_id, ol_quantity, ol_amount, ol_delivery_d"
                                + " FROM order_line WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?",
                        w,
                        d,
                        order.getInt(1))) {
                    while (lines.next()) {
                        lines.getInt(1);
                    }
                }
            }
        }
        return Outcome.COMMITTED;
    }

    /** Delivers the oldest undelivered order of each district of one warehouse (clause 2.7.4). */
    private Outcome delivery() throws SQLException {
        int w = warehouse();
        int carrier = random.uniform(1, 10);
        for (int d = 1; d <= DISTRICTS; d++) {
            int orderId;
            try (var result = query(
                    "DELETE FROM new_order WHERE (no_w_id, no_d_id, no_o_id) = (SELECT no_w_id, no_d_id,"
                            + " no_o_id FROM new_order WHERE no_w_id = ? AND no_d_id = ? ORDER BY no_o_id LIMIT 1"
                            + " FOR UPDATE SKIP LOCKED) RETURNING no_o_id",
                    w,
                    d)) {
                if (!result.next()) {
                    continue;
                }
                orderId = result.getInt(1);
            }
            int customer;
            try (var result = query(
                    "UPDATE orders SET o_carrier_id = ? WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?"
                            + " RETURNING o_c_id",
                    carrier,
                    w,
                    d,
                    orderId)) {
                result.next();
                customer = result.getInt(1);
            }
            var total = BigDecimal.ZERO;
            try (var result = query(
                    "UPDATE order_line SET ol_delivery_d = current_timestamp"
                            + " WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ? RETURNING ol_amount",
                    w,
                    d,
                    orderId)) {
                while (result.next()) {
                    var amount = result.getBigDecimal(1);
                    total = amount == null ? total : total.add(amount);
                }
            }
            update(
                    "UPDATE customer SET c_balance = c_balance + ?, c_delivery_cnt = c_delivery_cnt + 1"
                            + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?",
                    total,
                    w,
                    d,
                    customer);
        }
        return Outcome.COMMITTED;
    }

    private Outcome stockLevel() throws SQLException {
        int w = warehouse();
        int d = random.uniform(1, DISTRICTS);
        int threshold = random.uniform(10, 20);
        try (var result = query(
                "SELECT count(DISTINCT s_i_id) FROM district JOIN order_line ON ol_w_id = d_w_id"
                        + " AND ol_d_id = d_id AND ol_o_id >= d_next_o_id - 20 AND ol_o_id < d_next_o_id"
                        + " JOIN stock ON s_w_id = ol_w_id AND s_i_id = ol_i_id"
                        + " WHERE d_w_id = ? AND d_id = ? AND s_quantity < ?",
                w,
                d,
                threshold)) {
            result.next();
        }
        return Outcome.COMMITTED;
    }

    /** 60% by last name (the middle one of the matches, by first name), 40% by id (clause 2.5.1.2). */
    private int customer(int w, int d) throws SQLException {
        if (random.percent(60)) {
            var ids = new ArrayList<Integer>();
            try (var result = query(
                    "SELECT c_id FROM customer WHERE c_w_id = ? AND c_d_id = ? AND c_last = ?" + " ORDER BY c_first",
                    w,
                    d,
                    random.randomLastName(shape.customersPerDistrict()))) {
                while (result.next()) {
                    ids.add(result.getInt(1));
                }
            }
            if (!ids.isEmpty()) {
                return ids.get((ids.size() + 1) / 2 - 1);
            }
        }
        return random.customerId(shape.customersPerDistrict());
    }

    private int warehouse() {
        return random.uniform(1, shape.warehouses());
    }

    private int otherWarehouse(int w) {
        int other = random.uniform(1, shape.warehouses() - 1);
        return other >= w ? other + 1 : other;
    }

    private BigDecimal decimal(String sql, Object... parameters) throws SQLException {
        try (var result = query(sql, parameters)) {
            result.next();
            return result.getBigDecimal(1);
        }
    }

    /** Runs a query; closing the result set closes its statement. */
    private ResultSet query(String sql, Object... parameters) throws SQLException {
        var statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            var result = statement.executeQuery();
            statement.closeOnCompletion();
            return result;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
