package dev.lakepipe.steps.apply;

import java.util.Set;
import org.apache.hudi.client.WriteStatus;
import org.apache.hudi.client.validator.SparkPreCommitValidator;
import org.apache.hudi.common.data.HoodieData;
import org.apache.hudi.common.engine.HoodieEngineContext;
import org.apache.hudi.config.HoodieWriteConfig;
import org.apache.hudi.table.HoodieSparkTable;
import org.apache.hudi.table.action.HoodieWriteMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** {@link HaltPoint#DURING_WRITE}: Hudi calls pre-commit validators after writing data files, before completing the instant. */
public final class HaltingPreCommitValidator<T, I, K, O extends HoodieData<WriteStatus>>
        extends SparkPreCommitValidator<T, I, K, O> {

    public HaltingPreCommitValidator(HoodieSparkTable<T> table, HoodieEngineContext context, HoodieWriteConfig config) {
        super(table, context, config);
    }

    @Override
    public void validate(
            String instantTime, HoodieWriteMetadata<O> writeResult, Dataset<Row> before, Dataset<Row> after) {
        HaltPoint.DURING_WRITE.reach();
    }

    @Override
    protected void validateRecordsBeforeAndAfter(Dataset<Row> before, Dataset<Row> after, Set<String> partitions) {
        HaltPoint.DURING_WRITE.reach();
    }
}
