package dev.lakepipe.local.emr.steps;

/** A step main class that dies the way a Spark driver does: an exception on stderr; exit code 15 in cluster mode (SparkSubmitDriver). */
public final class FailingStep {

    private FailingStep() {}

    public static void main(String[] args) {
        throw new IllegalStateException("Table sales.broken has no primary key column 'id'");
    }
}
