package dev.lakepipe.tpcc;

/**
 * How many rows the generator writes. {@link #STANDARD} is the TPC-C specification (and
 * HammerDB): per warehouse 10 districts, 3,000 customers and orders per district, the last 900
 * orders of each district undelivered (in {@code new_order}), 100,000 stock rows; 100,000 items.
 * {@link #TINY} keeps the shape (every table, every relationship, the delivered/undelivered split)
 * at about 1% of the rows, for integration tests that run Spark or CDC on top of the source.
 *
 * @param items rows of {@code item}, and of {@code stock} per warehouse
 * @param customersPerDistrict customers, history rows and initial orders per district
 * @param newOrdersPerDistrict the newest orders per district that are not delivered yet
 */
public record TpccScale(int items, int customersPerDistrict, int newOrdersPerDistrict) {

    public static final int DISTRICTS_PER_WAREHOUSE = 10;
    public static final TpccScale STANDARD = new TpccScale(100_000, 3_000, 900);
    public static final TpccScale TINY = new TpccScale(1_000, 30, 9);

    public TpccScale {
        if (items < 1) {
            throw new IllegalArgumentException("Invalid items: " + items + " (expected at least 1)");
        }
        if (customersPerDistrict < 1) {
            throw new IllegalArgumentException(
                    "Invalid customers per district: " + customersPerDistrict + " (expected at least 1)");
        }
        if (newOrdersPerDistrict < 0 || newOrdersPerDistrict > customersPerDistrict) {
            throw new IllegalArgumentException("Invalid new orders per district: " + newOrdersPerDistrict
                    + " (expected 0 to " + customersPerDistrict + ")");
        }
    }

    public int ordersPerDistrict() {
        return customersPerDistrict;
    }

    /** The first order id of a district that is still undelivered (in {@code new_order}). */
    public int firstNewOrderId() {
        return ordersPerDistrict() - newOrdersPerDistrict + 1;
    }
}
