package dev.lakepipe.tpcc;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.source.JdbcConnector;
import dev.lakepipe.source.SourceException;
import dev.lakepipe.util.Retry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the TPC-C mix against a generated database: {@code threads} connections, each running
 * transactions drawn from the standard mix, all together paced to {@code rate} transactions per
 * second (0 = as fast as possible), until {@code duration} has passed or {@code maxTransactions}
 * have started. No keying or think time: it exists to produce a realistic stream of inserts,
 * updates and deletes on the tables TPC-C changes, not to measure tpmC.
 */
public final class TpccWorkload {

    private static final Logger LOG = LoggerFactory.getLogger(TpccWorkload.class);
    private static final int MAX_ATTEMPTS = 5;

    private final double rate;
    private final int threads;
    private final Duration duration;
    private final long maxTransactions;
    private final long seed;

    private TpccWorkload(Builder builder) {
        this.rate = builder.rate;
        this.threads = builder.threads;
        this.duration = builder.duration;
        this.maxTransactions = builder.maxTransactions;
        this.seed = builder.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public WorkloadReport run(JdbcConnector connector) {
        requireNonNull(connector, "connector is null");
        TpccTransactions.WorkloadShape shape;
        try (var connection = connector.connect()) {
            shape = TpccTransactions.WorkloadShape.of(connection);
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to inspect the TPC-C database: %s", e.getMessage());
        }
        var run = new Run(System.nanoTime());
        var executor = DaemonThreads.pool("tpcc-workload", threads);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                long threadSeed = TpccRandom.seedFor(seed, t);
                futures.add(executor.submit(() -> {
                    terminal(connector, shape, threadSeed, run);
                    return null;
                }));
            }
            awaitAll(futures);
        } finally {
            executor.shutdownNow();
        }
        var report = run.report(Duration.ofNanos(System.nanoTime() - run.started));
        LOG.info(
                "TPC-C workload committed {} transactions in {} ms ({} rolled back on purpose, {} retries)",
                report.totalCommitted(),
                report.elapsed().toMillis(),
                report.rolledBack(),
                report.retries());
        return report;
    }

    private static void awaitAll(List<Future<?>> futures) {
        try {
            for (var future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SourceException(
                    e.getCause(),
                    "Failed to run the TPC-C workload: %s",
                    e.getCause().getMessage());
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new SourceException(e, "Cannot finish the TPC-C workload: interrupted");
        }
    }

    /** One terminal: its own connection and random stream, taking the next start slot until the run ends. */
    private void terminal(JdbcConnector connector, TpccTransactions.WorkloadShape shape, long threadSeed, Run run) {
        var random = new TpccRandom(threadSeed);
        try (var connection = connector.connect()) {
            var transactions = new TpccTransactions(connection, random, shape);
            long deadline = run.started + duration.toNanos();
            while (!Thread.currentThread().isInterrupted()) {
                long slot = run.slots.getAndIncrement();
                if (slot >= maxTransactions) {
                    return;
                }
                long due = rate > 0 ? run.started + (long) (slot * 1e9 / rate) : System.nanoTime();
                if (due >= deadline) {
                    return;
                }
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                execute(transactions, TransactionType.forDraw(random.uniform(0, 99)), run);
            }
        } catch (SQLException e) {
            throw new SourceException(e, "Failed to run the TPC-C workload: %s", e.getMessage());
        }
    }

    private static void execute(TpccTransactions transactions, TransactionType type, Run run) {
        var attempts = new AtomicInteger();
        try {
            var outcome = Retry.attempts(MAX_ATTEMPTS)
                    .retryOn(TpccWorkload::isRetryable)
                    .onRetry(e -> run.retries.incrementAndGet())
                    .call(() -> {
                        attempts.incrementAndGet();
                        return transactions.run(type);
                    });
            if (outcome == TpccTransactions.Outcome.COMMITTED) {
                run.committed.get(type).incrementAndGet();
            } else {
                run.rolledBack.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new SourceException(
                    e,
                    "Failed to run TPC-C transaction %s (attempt %d): %s",
                    type.displayName(),
                    attempts.get(),
                    e.getMessage());
        }
    }

    /** Serialization failure or deadlock: the transaction can simply run again. */
    private static boolean isRetryable(Exception e) {
        return e instanceof SQLException sql
                && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()));
    }

    private static final class Run {
        final long started;
        final AtomicLong slots = new AtomicLong();
        final AtomicLong rolledBack = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final Map<TransactionType, AtomicLong> committed = new EnumMap<>(TransactionType.class);

        Run(long started) {
            this.started = started;
            for (var type : TransactionType.values()) {
                committed.put(type, new AtomicLong());
            }
        }

        WorkloadReport report(Duration elapsed) {
            var counts = new EnumMap<TransactionType, Long>(TransactionType.class);
            committed.forEach((type, count) -> counts.put(type, count.get()));
            return new WorkloadReport(counts, rolledBack.get(), retries.get(), elapsed);
        }
    }

    /**
     * Options of the workload. Defaults: rate 10 transactions/s, 2 threads, duration 60 s, no
     * transaction limit, seed 1. The run ends at whichever of duration and transaction limit comes
     * first.
     */
    public static final class Builder {
        private double rate = 10;
        private int threads = 2;
        private Duration duration = Duration.ofSeconds(60);
        private long maxTransactions = Long.MAX_VALUE;
        private long seed = 1;

        private Builder() {}

        /** Transactions started per second over all threads; 0 for as fast as the threads go. */
        public Builder rate(double rate) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(
                        "Invalid rate: " + rate + " (expected 0 or a positive number of transactions/s)");
            }
            this.rate = rate;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("Invalid threads: " + threads + " (expected 1 to 64)");
            }
            this.threads = threads;
            return this;
        }

        public Builder duration(Duration duration) {
            requireNonNull(duration, "duration is null");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("Invalid duration: " + duration + " (expected a positive duration)");
            }
            this.duration = duration;
            return this;
        }

        public Builder maxTransactions(long maxTransactions) {
            if (maxTransactions < 1) {
                throw new IllegalArgumentException(
                        "Invalid max transactions: " + maxTransactions + " (expected at least 1)");
            }
            this.maxTransactions = maxTransactions;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public TpccWorkload build() {
            return new TpccWorkload(this);
        }
    }
}
