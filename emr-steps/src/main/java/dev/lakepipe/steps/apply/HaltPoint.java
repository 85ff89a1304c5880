package dev.lakepipe.steps.apply;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-test hook: with {@code -Dlakepipe.apply.halt-at=<point>} the apply JVM halts (like {@code kill -9}: no
 * shutdown hooks, no cleanup) the first time it reaches that point. Never set in production.
 */
public enum HaltPoint {
    /** Batch read and consolidated, nothing written to the Hudi table yet. */
    BEFORE_WRITE,
    /** Data files written and the instant inflight, commit not completed (runs as a Hudi pre-commit validator). */
    DURING_WRITE,
    /** Hudi commit (with the checkpoint) completed, before the status file and the next batch. */
    AFTER_COMMIT,
    /**
     * A scheduled compaction's base files written and its instant inflight, not completed ({@code compaction.mode:
     * scheduled}, {@link dev.lakepipe.steps.hudi.Compactor}).
     */
    DURING_COMPACTION;

    public static final String PROPERTY = "lakepipe.apply.halt-at";
    static final int EXIT_CODE = 137;
    private static final Logger LOG = LoggerFactory.getLogger(HaltPoint.class);

    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isArmed() {
        return propertyValue().equals(System.getProperty(PROPERTY));
    }

    /** Halts the JVM when this point is armed. */
    public void reach() {
        if (isArmed()) {
            LOG.warn("Halting at {} ({}={})", this, PROPERTY, propertyValue());
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    /** Extra Hudi write options that make the write halt at {@link #DURING_WRITE} when armed. */
    static Map<String, String> writeOptions() {
        return DURING_WRITE.isArmed()
                ? Map.of("hoodie.precommit.validators", HaltingPreCommitValidator.class.getName())
                : Map.of();
    }
}
