package dev.lakepipe.steps.gold;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static dev.lakepipe.steps.gold.GoldLake.T0;
import static dev.lakepipe.steps.gold.GoldLake.amount;
import static dev.lakepipe.steps.gold.GoldLake.line;
import static dev.lakepipe.steps.gold.GoldLake.order;
import static dev.lakepipe.steps.gold.GoldLake.tax;

import dev.lakepipe.steps.spark.StepSpark;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * bench/gold: the gold step's incremental run time against the table size, with the same changes at every size.
 * Per size (orders per district): a {@link GoldLake} of 2 warehouses × 10 districts, orders of 10 lines; the full
 * build; then one change round — {@code --changes} New-Orders (order + 10 lines), as many Deliveries (carrier on
 * the order, date on its lines) and Payments (running totals of district, warehouse, customer) — applied by the CDC
 * apply, and the incremental run. Prints rows, seconds and the ratios to the smallest size.
 * Usage: {@code bench/gold/run [--sizes 100,400,1600] [--changes 20]}.
 */
public final class GoldBench {

    private static final int WAREHOUSES = 2;
    private static final int DISTRICTS = 10;
    private static final int LINES = 10;

    private GoldBench() {}

    record Result(
            int orders, long goldRows, double fullSeconds, long changed, long recomputed, double incrementalSeconds) {}

    public static void main(String[] args) throws Exception {
        var sizes = List.of(100, 400, 1600);
        var changes = 20;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" ->
                    sizes = Arrays.stream(args[i + 1].split(","))
                            .map(Integer::parseInt)
                            .toList();
                case "--changes" -> changes = Integer.parseInt(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "Unknown option " + args[i] + "; expected --sizes N,N,... --changes N");
            }
        }
        var spark = StepSpark.hudiSession("bench-gold");
        var results = new ArrayList<Result>();
        for (int orders : sizes) {
            results.add(measure(spark, orders, changes));
        }
        print(results, changes);
        spark.stop();
    }

    private static Result measure(SparkSession spark, int orders, int changes) throws Exception {
        var lake = new GoldLake(spark, Files.createTempDirectory("bench-gold"));
        lake.seed(WAREHOUSES, DISTRICTS, orders, LINES);
        var full = DenormalizeOrderLine.run("--config", lake.snapshot());
        long seq = 1000;
        var newOrders = new ArrayList<Object[]>();
        var newLines = new ArrayList<Object[]>();
        var districts = new ArrayList<Object[]>();
        var customers = new ArrayList<Object[]>();
        for (int i = 0; i < changes; i++) {
            int w = i % WAREHOUSES + 1;
            int d = i / WAREHOUSES % DISTRICTS + 1;
            int o = orders + 1 + i / (WAREHOUSES * DISTRICTS);
            newOrders.add(order("I", seq++, w, d, o, 1, null));
            newOrders.add(order("U", seq++, w, d, i + 1, i % 5 + 1, 3));
            for (int n = 1; n <= LINES; n++) {
                newLines.add(line("I", seq++, w, d, o, n, n, null));
                newLines.add(line("U", seq++, w, d, i + 1, n, (i + 1 + n) % 20 + 1, T0));
            }
            districts.add(change("U", seq++, w, d, "d-" + w + "-" + d, "city", "NY", tax("0.1000"), amount(i + ".00")));
            customers.add(change(
                    "U",
                    seq++,
                    w,
                    d,
                    i % 5 + 1,
                    "first-" + (i % 5 + 1),
                    "OE",
                    "last-" + w + "-" + d + "-" + (i % 5 + 1),
                    "GC",
                    tax("0.0100"),
                    "city",
                    "NY",
                    amount(i + ".00")));
        }
        lake.apply("public.orders", newOrders);
        lake.apply("public.order_line", newLines);
        lake.apply("public.district", districts);
        lake.apply("public.customer", customers);
        lake.apply("public.warehouse", change("U", seq, 1, "w-1", "city", "NY", tax("0.0500"), amount("1.00")));
        var incremental = DenormalizeOrderLine.run("--config", lake.snapshot());
        return new Result(
                orders,
                incremental.goldRows(),
                seconds(full),
                incremental.changedRows(),
                incremental.recomputedRows(),
                seconds(incremental));
    }

    private static double seconds(GoldRun run) {
        return run.duration().toMillis() / 1000.0;
    }

    private static void print(List<Result> results, int changes) {
        var base = results.get(0);
        System.out.printf(
                "%nbench/gold: %d New-Orders + %d Deliveries + %d Payments per round; %d warehouses x %d districts, %d lines/order%n",
                changes, changes, changes, WAREHOUSES, DISTRICTS, LINES);
        System.out.printf(
                "%10s %10s %9s %8s %9s %10s %8s %8s%n",
                "orders/d", "gold rows", "full s", "x rows", "x full", "changed", "recomp", "incr s");
        for (var result : results) {
            System.out.printf(
                    "%10d %10d %9.1f %8.1f %9.2f %10d %8d %8.1f  (x%.2f)%n",
                    result.orders(),
                    result.goldRows(),
                    result.fullSeconds(),
                    (double) result.goldRows() / base.goldRows(),
                    result.fullSeconds() / base.fullSeconds(),
                    result.changed(),
                    result.recomputed(),
                    result.incrementalSeconds(),
                    result.incrementalSeconds() / base.incrementalSeconds());
        }
    }
}
