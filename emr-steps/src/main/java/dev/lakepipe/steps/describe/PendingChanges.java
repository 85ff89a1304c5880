package dev.lakepipe.steps.describe;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The DMS CDC files of a table that the apply has not applied yet.
 *
 * @param files how many change files are pending
 * @param newestChange the source commit time of the newest change in them (empty: no file pending, or no change in them)
 */
public record PendingChanges(int files, Optional<Instant> newestChange) {

    public static final PendingChanges NONE = new PendingChanges(0, Optional.empty());

    public PendingChanges {
        requireNonNull(newestChange, "newestChange is null");
    }
}
