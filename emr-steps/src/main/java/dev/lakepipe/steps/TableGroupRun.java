package dev.lakepipe.steps;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a step's work for each of its tables: a table on its own in the calling thread (a failure propagates unchanged),
 * the tables of a step group (several {@code --table}) concurrently on a small fixed pool in the one Spark application,
 * each thread in a FAIR scheduler pool of its own so that a small table's jobs do not queue behind a big one's. One
 * table's failure stops nothing else: the others finish and commit. Then each table's outcome is printed and the step
 * fails naming the tables that failed. Each table keeps its own lock, commits and checkpoint, so a rerun applies only
 * what is left.
 */
public final class TableGroupRun {

    /** The tables a step group runs at once (continuous mode runs all: each loops until {@code --stop-at}). */
    public static final int DEFAULT_PARALLELISM = 4;

    /** The work of one table. */
    public interface TableWork {
        void run(StepTable table);
    }

    /** How one table's work ended. */
    public record Outcome(String table, Duration duration, Optional<Throwable> failure) {
        public Outcome {
            requireNonNull(table, "table is null");
            requireNonNull(duration, "duration is null");
            requireNonNull(failure, "failure is null");
        }
    }

    private final String step;
    private final SparkSession spark;
    private final PrintStream out;

    public TableGroupRun(String step, SparkSession spark, PrintStream out) {
        this.step = requireNonNull(step, "step is null");
        this.spark = requireNonNull(spark, "spark is null");
        this.out = requireNonNull(out, "out is null");
    }

    /**
     * Runs {@code work} for every table like {@link #run}, prints the line {@code report} makes of each table's result
     * and returns the results in the order the tables finished.
     */
    public <R> List<R> runAndReport(
            List<StepTable> tables, int parallelism, Function<StepTable, R> work, Function<R, String> report) {
        var results = new ConcurrentLinkedQueue<R>();
        run(tables, parallelism, table -> {
            var result = work.apply(table);
            out.println(report.apply(result));
            results.add(result);
        });
        return List.copyOf(results);
    }

    /** The one result of a step run for one {@code --table}. */
    public static <R> R onlyResult(List<R> results) {
        if (results.size() != 1) {
            throw new LakepipeException("Expected one --table, got %d results", results.size());
        }
        return results.get(0);
    }

    /** Runs {@code work} for every table, {@code parallelism} at a time; throws, naming them, if any failed. */
    public List<Outcome> run(List<StepTable> tables, int parallelism, TableWork work) {
        if (tables.size() == 1) {
            var started = System.nanoTime();
            work.run(tables.get(0));
            return List.of(new Outcome(tables.get(0).qualifiedName(), since(started), Optional.empty()));
        }
        var pool = Executors.newFixedThreadPool(Math.min(parallelism, tables.size()));
        try {
            var futures = new ArrayList<Future<Outcome>>();
            tables.forEach(table -> futures.add(pool.submit(() -> runOne(table, work))));
            var outcomes = new ArrayList<Outcome>();
            for (var index = 0; index < tables.size(); index++) {
                outcomes.add(outcome(tables.get(index).qualifiedName(), futures.get(index)));
            }
            report(outcomes);
            return List.copyOf(outcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome runOne(StepTable stepTable, TableWork work) {
        var table = stepTable.qualifiedName();
        var thread = Thread.currentThread();
        var threadName = thread.getName();
        thread.setName(step + " " + table);
        var context = spark.sparkContext();
        context.setLocalProperty("spark.scheduler.pool", table);
        context.setJobDescription(step + " " + table);
        var started = System.nanoTime();
        try {
            work.run(stepTable);
            return new Outcome(table, since(started), Optional.empty());
        } catch (RuntimeException e) {
            System.err.println(step + " " + table + " failed: " + e.getMessage());
            e.printStackTrace(System.err);
            return new Outcome(table, since(started), Optional.of(e));
        } finally {
            context.setLocalProperty("spark.scheduler.pool", null);
            context.setJobDescription(null);
            thread.setName(threadName);
        }
    }

    /** The outcome a task returned, or the error (not an exception) it died of. */
    private Outcome outcome(String table, Future<Outcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new Outcome(table, Duration.ZERO, Optional.of(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakepipeException(e, "%s was interrupted while waiting for %s", step, table);
        }
    }

    private void report(List<Outcome> outcomes) {
        var failed = outcomes.stream()
                .filter(outcome -> outcome.failure().isPresent())
                .toList();
        out.printf(
                "%s: %d tables, %d done, %d failed%n",
                step, outcomes.size(), outcomes.size() - failed.size(), failed.size());
        for (var outcome : outcomes) {
            out.printf(
                    "  %s: %s in %.1f s%s%n",
                    outcome.table(),
                    outcome.failure().isPresent() ? "FAILED" : "done",
                    outcome.duration().toMillis() / 1000.0,
                    outcome.failure()
                            .map(failure -> ": " + failure.getMessage())
                            .orElse(""));
        }
        if (failed.isEmpty()) {
            return;
        }
        var done = outcomes.stream()
                .filter(outcome -> outcome.failure().isEmpty())
                .map(Outcome::table)
                .toList();
        var failure = new LakepipeException(
                failed.get(0).failure().orElseThrow(),
                "%s failed for %d of %d tables: %s; done: %s. Each table commits on its own: fix the cause and run the"
                        + " step again, it does only what is left",
                step,
                failed.size(),
                outcomes.size(),
                String.join(
                        "; ",
                        failed.stream()
                                .map(outcome -> outcome.table() + " ("
                                        + outcome.failure().orElseThrow().getMessage() + ")")
                                .toList()),
                done.isEmpty() ? "none" : String.join(", ", done));
        failed.stream()
                .skip(1)
                .forEach(outcome -> failure.addSuppressed(outcome.failure().orElseThrow()));
        throw failure;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
