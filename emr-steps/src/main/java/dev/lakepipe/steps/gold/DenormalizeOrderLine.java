package dev.lakepipe.steps.gold;

import dev.lakepipe.steps.StepArgs;
import dev.lakepipe.steps.custom.CustomStep;
import dev.lakepipe.steps.custom.CustomStepContext;
import dev.lakepipe.steps.custom.CustomSteps;
import java.util.List;
import org.apache.spark.SparkUserAppException;

/**
 * {@code step::consumption::denormalize_order_line}: TPC-C order_line joined to its order, the order's customer, the
 * district, the warehouse and the item, as the gold table {@code <prefix>_order_line_denormalized} (key
 * {@code ol_w_id, ol_d_id, ol_o_id, ol_number}, partitioned by {@code ol_w_id}), kept up to date incrementally
 * ({@link Denormalizer}). Args after {@code --config}: {@code [--full-rebuild true] [--table <gold table name>]}.
 * Only descriptive dimension columns are copied: the running totals TPC-C updates on every transaction (d_ytd,
 * w_ytd, c_balance ...) would make every run recompute whole districts.
 */
public final class DenormalizeOrderLine implements CustomStep {

    static final String NAME = "denormalize_order_line";

    static final GoldSource ORDER_LINE = new GoldSource(
            "public.order_line",
            List.of("ol_w_id", "ol_d_id", "ol_o_id", "ol_number"),
            List.of("ol_w_id", "ol_d_id", "ol_o_id", "ol_number"),
            List.of("ol_i_id", "ol_supply_w_id", "ol_delivery_d", "ol_quantity", "ol_amount", "ol_dist_info"));
    static final GoldSource ORDERS = new GoldSource(
            "public.orders",
            List.of("o_w_id", "o_d_id", "o_id"),
            List.of("ol_w_id", "ol_d_id", "ol_o_id"),
            List.of("o_c_id", "o_entry_d", "o_carrier_id", "o_ol_cnt", "o_all_local"));
    static final GoldSource CUSTOMER = new GoldSource(
            "public.customer",
            List.of("c_w_id", "c_d_id", "c_id"),
            List.of("ol_w_id", "ol_d_id", "o_c_id"),
            List.of("c_first", "c_middle", "c_last", "c_credit", "c_discount", "c_city", "c_state"));
    static final GoldSource DISTRICT = new GoldSource(
            "public.district",
            List.of("d_w_id", "d_id"),
            List.of("ol_w_id", "ol_d_id"),
            List.of("d_name", "d_city", "d_state", "d_tax"));
    static final GoldSource WAREHOUSE = new GoldSource(
            "public.warehouse", List.of("w_id"), List.of("ol_w_id"), List.of("w_name", "w_city", "w_state", "w_tax"));
    static final GoldSource ITEM =
            new GoldSource("public.item", List.of("i_id"), List.of("ol_i_id"), List.of("i_name", "i_price", "i_im_id"));

    public static void main(String[] args) throws SparkUserAppException {
        CustomSteps.main(NAME, new DenormalizeOrderLine(), args);
    }

    /** Runs the step in this JVM (tests): {@code --config <snapshot> [--full-rebuild true]}. */
    public static GoldRun run(String... args) {
        return build(CustomSteps.context(NAME, args));
    }

    /** The gold table's name for a table prefix: {@code <prefix>_order_line_denormalized}. */
    public static String tableName(String prefix) {
        return prefix + "_order_line_denormalized";
    }

    static DenormalizedTable table(String name) {
        return new DenormalizedTable(
                name, ORDER_LINE, List.of(ORDERS, CUSTOMER, DISTRICT, WAREHOUSE, ITEM), List.of("ol_w_id"));
    }

    private static boolean fullRebuild(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new StepArgs.UsageException(
                    "Invalid %s arguments: --full-rebuild '%s'; expected true or false", NAME, value);
        }
        return Boolean.parseBoolean(value);
    }

    @Override
    public void run(CustomStepContext context) {
        build(context);
    }

    private static GoldRun build(CustomStepContext context) {
        var args = context.args();
        var name = args.optional("table").orElse(tableName(context.tablePrefix()));
        var fullRebuild = fullRebuild(args.optional("full-rebuild").orElse("false"));
        var denormalizer = new Denormalizer(context, table(name));
        var run = denormalizer.run(fullRebuild);
        System.out.printf(
                "%s: %s -> %s%n", NAME, run.summary(), denormalizer.gold().basePath());
        return run;
    }
}
