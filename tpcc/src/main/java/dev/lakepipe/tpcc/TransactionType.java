package dev.lakepipe.tpcc;

/** The five TPC-C transactions with the standard mix (clause 5.2.3): 45/43/4/4/4 percent. */
public enum TransactionType {
    NEW_ORDER("New-Order", 45),
    PAYMENT("Payment", 43),
    ORDER_STATUS("Order-Status", 4),
    DELIVERY("Delivery", 4),
    STOCK_LEVEL("Stock-Level", 4);

    private final String displayName;
    private final int percent;

    TransactionType(String displayName, int percent) {
        this.displayName = displayName;
        this.percent = percent;
    }

    public String displayName() {
        return displayName;
    }

    public int percent() {
        return percent;
    }

    /** The transaction for a uniform draw in [0, 100). */
    static TransactionType forDraw(int draw) {
        int bound = 0;
        for (var type : values()) {
            bound += type.percent;
            if (draw < bound) {
                return type;
            }
        }
        throw new IllegalArgumentException("Invalid draw: " + draw + " (expected 0 to 99)");
    }
}
