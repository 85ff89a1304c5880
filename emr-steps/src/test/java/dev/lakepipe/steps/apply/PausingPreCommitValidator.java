package dev.lakepipe.steps.apply;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hudi.client.WriteStatus;
import org.apache.hudi.client.validator.SparkPreCommitValidator;
import org.apache.hudi.common.data.HoodieData;
import org.apache.hudi.common.engine.HoodieEngineContext;
import org.apache.hudi.config.HoodieWriteConfig;
import org.apache.hudi.table.HoodieSparkTable;
import org.apache.hudi.table.action.HoodieWriteMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Holds a writer between its data files and its commit (where Hudi runs pre-commit validators), so a test can run a
 * second writer while the first one's instant is inflight. One pause at a time: {@link #arm()}, then the writer
 * signals {@link #paused} and waits for {@link #resume()}.
 */
public final class PausingPreCommitValidator<T, I, K, O extends HoodieData<WriteStatus>>
        extends SparkPreCommitValidator<T, I, K, O> {

    private static volatile CountDownLatch paused = new CountDownLatch(1);
    private static volatile CountDownLatch resumed = new CountDownLatch(1);

    public PausingPreCommitValidator(HoodieSparkTable<T> table, HoodieEngineContext context, HoodieWriteConfig config) {
        super(table, context, config);
    }

    static void arm() {
        paused = new CountDownLatch(1);
        resumed = new CountDownLatch(1);
    }

    /** Waits until the writer reached its commit. */
    static void awaitPaused() throws InterruptedException {
        if (!paused.await(10, TimeUnit.MINUTES)) {
            throw new AssertionError("the first writer never reached its commit");
        }
    }

    static void resume() {
        resumed.countDown();
    }

    @Override
    public void validate(
            String instantTime, HoodieWriteMetadata<O> writeResult, Dataset<Row> before, Dataset<Row> after) {
        pause();
    }

    @Override
    protected void validateRecordsBeforeAndAfter(Dataset<Row> before, Dataset<Row> after, Set<String> partitions) {
        pause();
    }

    private static void pause() {
        paused.countDown();
        try {
            if (!resumed.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never resumed the paused writer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
