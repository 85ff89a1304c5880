package dev.lakepipe.steps.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A key whose rows differ between the source and silver: its canonical text ({@link CanonicalSql#postgresKey}), the
 * text of its {@link CanonicalSql#indexedKeys} columns in that order, and whether the source has rows for it.
 */
public record DifferingKey(String key, List<String> indexedValues, boolean atSource) {

    public DifferingKey {
        requireNonNull(key, "key is null");
        indexedValues = Collections.unmodifiableList(new ArrayList<>(indexedValues));
    }
}
