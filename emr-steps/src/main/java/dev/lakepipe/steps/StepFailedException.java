package dev.lakepipe.steps;

import dev.lakepipe.LakepipeException;

/**
 * A cluster-mode step's failure, thrown out of its {@code main}: YARN's ApplicationMaster reports any exception but
 * {@code SparkUserAppException} as the application's diagnostics ({@code User class threw exception: <this>}), which
 * spark-submit prints into the EMR step's stderr, so the culprit and the fix reach EMR's step failure details.
 */
public final class StepFailedException extends LakepipeException {

    StepFailedException(String message, Throwable cause) {
        super(cause, "%s", message);
    }
}
