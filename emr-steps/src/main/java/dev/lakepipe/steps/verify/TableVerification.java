package dev.lakepipe.steps.verify;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of verifying one table: row counts and checksums (sum and xor of the 64-bit row
 * hashes) on both sides, and, on mismatch, a sample of keys whose rows differ or exist on one side only.
 */
public record TableVerification(
        String table, String target, Checksum source, Checksum silver, List<String> differingKeys) {

    public TableVerification {
        differingKeys = List.copyOf(differingKeys);
    }

    public boolean matches() {
        return source.equals(silver);
    }

    /** Order-insensitive checksum of a row set. */
    public record Checksum(long rows, BigDecimal hashSum, long hashXor) {
        public Checksum {
            hashSum = hashSum == null ? BigDecimal.ZERO : hashSum.stripTrailingZeros();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Checksum that
                    && rows == that.rows
                    && hashXor == that.hashXor
                    && hashSum.compareTo(that.hashSum) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rows) ^ Long.hashCode(hashXor);
        }
    }
}
