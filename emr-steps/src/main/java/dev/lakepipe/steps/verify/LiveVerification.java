package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of verifying one table while the source is live: the comparison of the whole table, how many keys it
 * compared ({@code keysCompared}: the source's rows and the keys only silver has) and re-checked by key, the keys
 * whose difference persists, and those still changing at the source in every round ({@code unsettled}).
 */
public record LiveVerification(
        TableVerification compared,
        long keysCompared,
        int keysRechecked,
        List<String> persistent,
        List<String> unsettled) {

    public LiveVerification {
        requireNonNull(compared, "compared is null");
        persistent = List.copyOf(persistent);
        unsettled = List.copyOf(unsettled);
    }

    /** No difference persists (keys still changing at the source are not evidence of one). */
    public boolean matches() {
        return persistent.isEmpty();
    }
}
