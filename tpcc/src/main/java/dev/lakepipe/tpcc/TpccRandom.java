package dev.lakepipe.tpcc;

import java.util.SplittableRandom;

/**
 * The random functions of the TPC-C specification (clause 4.3.2): uniform numbers, NURand,
 * alphanumeric and numeric strings, syllable last names. Deterministic for a given seed; not
 * thread-safe (one instance per generator task or workload thread).
 */
public final class TpccRandom {

    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final String[] SYLLABLES = {
        "BAR", "OUGHT", "ABLE", "PRI", "PRES", "ESE", "ANTI", "CALLY", "ATION", "EING"
    };
    /** The run-time constant C of NURand(255, ...) used for customer last names (clause 2.1.6). */
    static final int C_LAST = 123;
    /** The run-time constant C of NURand(1023, ...) used for customer ids. */
    static final int C_ID = 259;
    /** The run-time constant C of NURand(8191, ...) used for item ids. */
    static final int C_ITEM = 7911;

    private final SplittableRandom random;

    public TpccRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A seed derived from a base seed and a few coordinates, so parallel tasks stay deterministic. */
    public static long seedFor(long seed, long... coordinates) {
        long mixed = seed * 0x9E3779B97F4A7C15L;
        for (long coordinate : coordinates) {
            mixed = Long.rotateLeft(mixed ^ (coordinate * 0xBF58476D1CE4E5B9L), 31) * 0x94D049BB133111EBL;
        }
        return mixed;
    }

    /** Uniform in [low, high], both inclusive. */
    public int uniform(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    public boolean percent(int percent) {
        return random.nextInt(100) < percent;
    }

    /** NURand(A, x, y) of clause 2.1.6. */
    public int nuRand(int a, int c, int x, int y) {
        return (((uniform(0, a) | uniform(x, y)) + c) % (y - x + 1)) + x;
    }

    /** Appends a random alphanumeric string of a length in [min, max]. */
    public void appendAlpha(StringBuilder target, int min, int max) {
        int length = uniform(min, max);
        for (int i = 0; i < length; i++) {
            target.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
    }

    public String alpha(int min, int max) {
        var builder = new StringBuilder(max);
        appendAlpha(builder, min, max);
        return builder.toString();
    }

    /** An alphanumeric string of [min, max] characters, 10% of them containing "ORIGINAL" (clause 4.3.3.1). */
    public String data(int min, int max) {
        var builder = new StringBuilder(max);
        appendAlpha(builder, min, max);
        if (percent(10)) {
            int at = uniform(0, builder.length() - 8);
            builder.replace(at, at + 8, "ORIGINAL");
        }
        return builder.toString();
    }

    public String digits(int length) {
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append((char) ('0' + random.nextInt(10)));
        }
        return builder.toString();
    }

    /** A zip code: four random digits then "11111". */
    public String zip() {
        return digits(4) + "11111";
    }

    /** Two random upper-case letters. */
    public String state() {
        return new String(new char[] {(char) ('A' + random.nextInt(26)), (char) ('A' + random.nextInt(26))});
    }

    /** The last name of number 0..999, built from three syllables (clause 4.3.2.3). */
    public static String lastName(int number) {
        return SYLLABLES[number / 100] + SYLLABLES[(number / 10) % 10] + SYLLABLES[number % 10];
    }

    /** A last name chosen the way transactions choose one, among the names the first {@code customers} customers have. */
    public String randomLastName(int customers) {
        return lastName(nuRand(255, C_LAST, 0, Math.min(999, customers - 1)));
    }

    public int customerId(int customers) {
        return nuRand(1023, C_ID, 1, customers);
    }

    public int itemId(int items) {
        return nuRand(8191, C_ITEM, 1, items);
    }
}
