package dev.lakepipe.steps.hudi;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hudi.client.SparkRDDWriteClient;
import org.apache.hudi.client.common.HoodieSparkEngineContext;
import org.apache.hudi.common.table.HoodieTableMetaClient;
import org.apache.hudi.common.table.TableSchemaResolver;
import org.apache.hudi.common.table.timeline.HoodieInstant;
import org.apache.hudi.common.util.Option;
import org.apache.hudi.config.HoodieWriteConfig;
import org.apache.hudi.hadoop.fs.HadoopFSUtils;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the compaction plans pending on a merge-on-read table ({@code file_sizing.compaction.mode: scheduled}: the apply's
 * writer plans them, this runs them once the cycle's batches have committed). A plan a killed run left inflight is
 * rolled back and run again by Hudi. Each compaction commits on its own and carries no apply checkpoint: the checkpoint
 * stays in the delta commits, which the compaction neither adds to nor removes.
 */
public final class Compactor {

    private final SparkSession spark;

    public Compactor(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** The instants of the compactions pending on the table (requested or inflight), oldest first. */
    public List<String> pending(String basePath) {
        return metaClient(basePath).getActiveTimeline().filterPendingCompactionTimeline().getInstants().stream()
                .map(HoodieInstant::getTimestamp)
                .toList();
    }

    /**
     * Runs every pending compaction of {@code table}, oldest first, with the table's write options (its lock, payload
     * and ordering field); {@code beforeCommit} runs when a compaction's files are written and its instant is still
     * inflight (the crash tests' hook). Returns the instants it completed.
     */
    public List<String> runPending(HudiTable table, Map<String, String> writeOptions, Runnable beforeCommit) {
        var pending = pending(table.basePath());
        if (pending.isEmpty()) {
            return pending;
        }
        var properties = new Properties();
        properties.putAll(writeOptions);
        properties.put("hoodie.auto.commit", "false");
        var config = HoodieWriteConfig.newBuilder()
                .withPath(table.basePath())
                .withSchema(tableSchema(table.basePath()))
                .withProps(properties)
                .build();
        var context = new HoodieSparkEngineContext(JavaSparkContext.fromSparkContext(spark.sparkContext()));
        try (var client = new SparkRDDWriteClient<>(context, config)) {
            for (var instant : pending) {
                var metadata = client.compact(instant)
                        .getCommitMetadata()
                        .orElseThrow(() -> new LakepipeException(
                                "Compaction %s of %s wrote no commit metadata", instant, table.basePath()));
                beforeCommit.run();
                client.commitCompaction(instant, metadata, Option.empty());
            }
        } catch (RuntimeException e) {
            throw TableLock.explain(table, e)
                    .orElseGet(() -> new LakepipeException(
                            e,
                            "Failed to compact %s (pending compactions %s): %s; the applied changes are committed,"
                                    + " and the next cycle runs the compaction again",
                            table.basePath(),
                            pending,
                            e.getMessage()));
        }
        return pending;
    }

    private String tableSchema(String basePath) {
        try {
            return new TableSchemaResolver(metaClient(basePath))
                    .getTableAvroSchema(false)
                    .toString();
        } catch (Exception e) {
            throw new LakepipeException(e, "Failed to read the schema of %s to compact it", basePath);
        }
    }

    private HoodieTableMetaClient metaClient(String basePath) {
        return HoodieTableMetaClient.builder()
                .setConf(HadoopFSUtils.getStorageConfWithCopy(
                        spark.sparkContext().hadoopConfiguration()))
                .setBasePath(basePath)
                .build();
    }
}
