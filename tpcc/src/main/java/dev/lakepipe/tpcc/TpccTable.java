package dev.lakepipe.tpcc;

import java.util.List;

/**
 * The nine TPROC-C tables, declared the way HammerDB's PostgreSQL build creates them
 * ({@code src/postgresql/pgoltp.tcl}, {@code CreateTables}/{@code CreateIndexes}): same names,
 * column order, types, NOT NULL constraints, primary keys and secondary indexes. {@code history}
 * has no primary key, exactly as in HammerDB.
 */
public enum TpccTable {
    WAREHOUSE(
            "warehouse",
            List.of("w_id"),
            "CREATE TABLE warehouse (w_id INTEGER NOT NULL, w_name CHARACTER VARYING(10) NOT NULL,"
                    + " w_street_1 CHARACTER VARYING(20) NOT NULL, w_street_2 CHARACTER VARYING(20) NOT NULL,"
                    + " w_city CHARACTER VARYING(20) NOT NULL, w_state CHARACTER(2) NOT NULL, w_zip CHARACTER(9) NOT NULL,"
                    + " w_tax NUMERIC(4,4) NOT NULL, w_ytd NUMERIC(16,2) NOT NULL,"
                    + " CONSTRAINT warehouse_i1 PRIMARY KEY (w_id))"),
    DISTRICT(
            "district",
            List.of("d_w_id", "d_id"),
            "CREATE TABLE district (d_w_id INTEGER NOT NULL, d_next_o_id INTEGER NOT NULL, d_id SMALLINT NOT NULL,"
                    + " d_ytd NUMERIC(12,2) NOT NULL, d_tax NUMERIC(4,4) NOT NULL, d_name CHARACTER VARYING(10) NOT NULL,"
                    + " d_street_1 CHARACTER VARYING(20) NOT NULL, d_street_2 CHARACTER VARYING(20) NOT NULL,"
                    + " d_city CHARACTER VARYING(20) NOT NULL, d_state CHARACTER(2) NOT NULL, d_zip CHARACTER(9) NOT NULL,"
                    + " CONSTRAINT district_i1 PRIMARY KEY (d_w_id, d_id))"),
    CUSTOMER(
            "customer",
            List.of("c_w_id", "c_d_id", "c_id"),
            "CREATE TABLE customer (c_since TIMESTAMP WITH TIME ZONE NOT NULL, c_id INTEGER NOT NULL,"
                    + " c_w_id INTEGER NOT NULL, c_d_id SMALLINT NOT NULL, c_payment_cnt SMALLINT NOT NULL,"
                    + " c_delivery_cnt SMALLINT NOT NULL, c_first CHARACTER VARYING(16) NOT NULL,"
                    + " c_middle CHARACTER(2) NOT NULL, c_last CHARACTER VARYING(16) NOT NULL,"
                    + " c_street_1 CHARACTER VARYING(20) NOT NULL, c_street_2 CHARACTER VARYING(20) NOT NULL,"
                    + " c_city CHARACTER VARYING(20) NOT NULL, c_state CHARACTER(2) NOT NULL, c_zip CHARACTER(9) NOT NULL,"
                    + " c_phone CHARACTER(16) NOT NULL, c_credit CHARACTER(2) NOT NULL, c_credit_lim NUMERIC(12,2) NOT NULL,"
                    + " c_discount NUMERIC(4,4) NOT NULL, c_balance NUMERIC(12,2) NOT NULL,"
                    + " c_ytd_payment NUMERIC(12,2) NOT NULL, c_data CHARACTER VARYING(500) NOT NULL,"
                    + " CONSTRAINT customer_i1 PRIMARY KEY (c_w_id, c_d_id, c_id))",
            "CREATE UNIQUE INDEX customer_i2 ON customer USING BTREE (c_w_id, c_d_id, c_last, c_first, c_id)"),
    HISTORY(
            "history",
            List.of(),
            "CREATE TABLE history (h_date TIMESTAMP WITH TIME ZONE NOT NULL, h_c_id INTEGER, h_c_w_id INTEGER NOT NULL,"
                    + " h_w_id INTEGER NOT NULL, h_c_d_id SMALLINT NOT NULL, h_d_id SMALLINT NOT NULL,"
                    + " h_amount NUMERIC(6,2) NOT NULL, h_data CHARACTER VARYING(24) NOT NULL)"),
    NEW_ORDER(
            "new_order",
            List.of("no_w_id", "no_d_id", "no_o_id"),
            "CREATE TABLE new_order (no_w_id INTEGER NOT NULL, no_o_id INTEGER NOT NULL, no_d_id SMALLINT NOT NULL,"
                    + " CONSTRAINT new_order_i1 PRIMARY KEY (no_w_id, no_d_id, no_o_id))"),
    ORDERS(
            "orders",
            List.of("o_w_id", "o_d_id", "o_id"),
            "CREATE TABLE orders (o_entry_d TIMESTAMP WITH TIME ZONE NOT NULL, o_id INTEGER NOT NULL,"
                    + " o_w_id INTEGER NOT NULL, o_c_id INTEGER NOT NULL, o_d_id SMALLINT NOT NULL, o_carrier_id SMALLINT,"
                    + " o_ol_cnt SMALLINT NOT NULL, o_all_local SMALLINT NOT NULL,"
                    + " CONSTRAINT orders_i1 PRIMARY KEY (o_w_id, o_d_id, o_id))",
            "CREATE UNIQUE INDEX orders_i2 ON orders USING BTREE (o_w_id, o_d_id, o_c_id, o_id)"),
    ORDER_LINE(
            "order_line",
            List.of("ol_w_id", "ol_d_id", "ol_o_id", "ol_number"),
            "CREATE TABLE order_line (ol_delivery_d TIMESTAMP WITH TIME ZONE, ol_o_id INTEGER NOT NULL,"
                    + " ol_w_id INTEGER NOT NULL, ol_i_id INTEGER NOT NULL, ol_supply_w_id INTEGER NOT NULL,"
                    + " ol_d_id SMALLINT NOT NULL, ol_number SMALLINT NOT NULL, ol_quantity SMALLINT NOT NULL,"
                    + " ol_amount NUMERIC(6,2), ol_dist_info CHARACTER(24),"
                    + " CONSTRAINT order_line_i1 PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number))"),
    ITEM(
            "item",
            List.of("i_id"),
            "CREATE TABLE item (i_id INTEGER NOT NULL, i_im_id INTEGER NOT NULL, i_name CHARACTER VARYING(24) NOT NULL,"
                    + " i_price NUMERIC(5,2) NOT NULL, i_data CHARACTER VARYING(50) NOT NULL,"
                    + " CONSTRAINT item_i1 PRIMARY KEY (i_id))"),
    STOCK(
            "stock",
            List.of("s_i_id", "s_w_id"),
            "CREATE TABLE stock (s_i_id INTEGER NOT NULL, s_w_id INTEGER NOT NULL, s_ytd INTEGER NOT NULL,"
                    + " s_quantity SMALLINT NOT NULL, s_order_cnt SMALLINT NOT NULL, s_remote_cnt SMALLINT NOT NULL,"
                    + " s_dist_01 CHARACTER(24) NOT NULL, s_dist_02 CHARACTER(24) NOT NULL, s_dist_03 CHARACTER(24) NOT NULL,"
                    + " s_dist_04 CHARACTER(24) NOT NULL, s_dist_05 CHARACTER(24) NOT NULL, s_dist_06 CHARACTER(24) NOT NULL,"
                    + " s_dist_07 CHARACTER(24) NOT NULL, s_dist_08 CHARACTER(24) NOT NULL, s_dist_09 CHARACTER(24) NOT NULL,"
                    + " s_dist_10 CHARACTER(24) NOT NULL, s_data CHARACTER VARYING(50) NOT NULL,"
                    + " CONSTRAINT stock_i1 PRIMARY KEY (s_i_id, s_w_id))");

    /** The schema HammerDB (and lakepipe) creates the tables in. */
    public static final String SCHEMA = "public";

    private final String tableName;
    private final List<String> primaryKey;
    private final List<String> ddl;

    TpccTable(String tableName, List<String> primaryKey, String... ddl) {
        this.tableName = tableName;
        this.primaryKey = List.copyOf(primaryKey);
        this.ddl = List.of(ddl);
    }

    /** The unqualified, lower-case table name, e.g. {@code order_line}. */
    public String tableName() {
        return tableName;
    }

    /** {@code public.<table>}, the form pipeline configs and step arguments use. */
    public String qualifiedName() {
        return SCHEMA + "." + tableName;
    }

    /** The primary key columns in key order; empty for {@code history}. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }

    /** CREATE TABLE, then the secondary indexes HammerDB creates. */
    public List<String> ddl() {
        return ddl;
    }

    public static TpccTable fromName(String name) {
        for (var table : values()) {
            if (table.tableName.equalsIgnoreCase(name) || table.qualifiedName().equalsIgnoreCase(name)) {
                return table;
            }
        }
        throw new IllegalArgumentException("Invalid TPC-C table: " + name + " (expected one of warehouse, district,"
                + " customer, history, new_order, orders, order_line, item, stock)");
    }
}
