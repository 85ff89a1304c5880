package dev.lakepipe.tpcc;

import java.util.List;
import java.util.Map;

/**
 * The expected columns, as HammerDB's PostgreSQL build creates them (pgoltp.tcl CreateTables),
 * spelled the way information_schema reports them: name, data type (with length or precision),
 * nullable. Written out independently of {@link TpccTable} so the test can fail.
 */
final class HammerDbSchema {

    private HammerDbSchema() {}

    static final Map<String, List<String>> COLUMNS = Map.of(
            "warehouse",
                    List.of(
                            "w_id integer not null",
                            "w_name varchar(10) not null",
                            "w_street_1 varchar(20) not null",
                            "w_street_2 varchar(20) not null",
                            "w_city varchar(20) not null",
                            "w_state char(2) not null",
                            "w_zip char(9) not null",
                            "w_tax numeric(4,4) not null",
                            "w_ytd numeric(16,2) not null"),
            "district",
                    List.of(
                            "d_w_id integer not null",
                            "d_next_o_id integer not null",
                            "d_id smallint not null",
                            "d_ytd numeric(12,2) not null",
                            "d_tax numeric(4,4) not null",
                            "d_name varchar(10) not null",
                            "d_street_1 varchar(20) not null",
                            "d_street_2 varchar(20) not null",
                            "d_city varchar(20) not null",
                            "d_state char(2) not null",
                            "d_zip char(9) not null"),
            "customer",
                    List.of(
                            "c_since timestamptz not null",
                            "c_id integer not null",
                            "c_w_id integer not null",
                            "c_d_id smallint not null",
                            "c_payment_cnt smallint not null",
                            "c_delivery_cnt smallint not null",
                            "c_first varchar(16) not null",
                            "c_middle char(2) not null",
                            "c_last varchar(16) not null",
                            "c_street_1 varchar(20) not null",
                            "c_street_2 varchar(20) not null",
                            "c_city varchar(20) not null",
                            "c_state char(2) not null",
                            "c_zip char(9) not null",
                            "c_phone char(16) not null",
                            "c_credit char(2) not null",
                            "c_credit_lim numeric(12,2) not null",
                            "c_discount numeric(4,4) not null",
                            "c_balance numeric(12,2) not null",
                            "c_ytd_payment numeric(12,2) not null",
                            "c_data varchar(500) not null"),
            "history",
                    List.of(
                            "h_date timestamptz not null",
                            "h_c_id integer null",
                            "h_c_w_id integer not null",
                            "h_w_id integer not null",
                            "h_c_d_id smallint not null",
                            "h_d_id smallint not null",
                            "h_amount numeric(6,2) not null",
                            "h_data varchar(24) not null"),
            "new_order", List.of("no_w_id integer not null", "no_o_id integer not null", "no_d_id smallint not null"),
            "orders",
                    List.of(
                            "o_entry_d timestamptz not null",
                            "o_id integer not null",
                            "o_w_id integer not null",
                            "o_c_id integer not null",
                            "o_d_id smallint not null",
                            "o_carrier_id smallint null",
                            "o_ol_cnt smallint not null",
                            "o_all_local smallint not null"),
            "order_line",
                    List.of(
                            "ol_delivery_d timestamptz null",
                            "ol_o_id integer not null",
                            "ol_w_id integer not null",
                            "ol_i_id integer not null",
                            "ol_supply_w_id integer not null",
                            "ol_d_id smallint not null",
                            "ol_number smallint not null",
                            "ol_quantity smallint not null",
                            "ol_amount numeric(6,2) null",
                            "ol_dist_info char(24) null"),
            "item",
                    List.of(
                            "i_id integer not null",
                            "i_im_id integer not null",
                            "i_name varchar(24) not null",
                            "i_price numeric(5,2) not null",
                            "i_data varchar(50) not null"),
            "stock",
                    List.of(
                            "s_i_id integer not null",
                            "s_w_id integer not null",
                            "s_ytd integer not null",
                            "s_quantity smallint not null",
                            "s_order_cnt smallint not null",
                            "s_remote_cnt smallint not null",
                            "s_dist_01 char(24) not null",
                            "s_dist_02 char(24) not null",
                            "s_dist_03 char(24) not null",
                            "s_dist_04 char(24) not null",
                            "s_dist_05 char(24) not null",
                            "s_dist_06 char(24) not null",
                            "s_dist_07 char(24) not null",
                            "s_dist_08 char(24) not null",
                            "s_dist_09 char(24) not null",
                            "s_dist_10 char(24) not null",
                            "s_data varchar(50) not null"));

    /** Primary keys (constraint name and columns in key order) and the extra unique indexes. */
    static final Map<String, String> INDEXES = Map.ofEntries(
            Map.entry("warehouse_i1", "PRIMARY KEY (w_id)"),
            Map.entry("district_i1", "PRIMARY KEY (d_w_id, d_id)"),
            Map.entry("customer_i1", "PRIMARY KEY (c_w_id, c_d_id, c_id)"),
            Map.entry("customer_i2", "UNIQUE (c_w_id, c_d_id, c_last, c_first, c_id)"),
            Map.entry("new_order_i1", "PRIMARY KEY (no_w_id, no_d_id, no_o_id)"),
            Map.entry("orders_i1", "PRIMARY KEY (o_w_id, o_d_id, o_id)"),
            Map.entry("orders_i2", "UNIQUE (o_w_id, o_d_id, o_c_id, o_id)"),
            Map.entry("order_line_i1", "PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number)"),
            Map.entry("item_i1", "PRIMARY KEY (i_id)"),
            Map.entry("stock_i1", "PRIMARY KEY (s_i_id, s_w_id)"));
}
