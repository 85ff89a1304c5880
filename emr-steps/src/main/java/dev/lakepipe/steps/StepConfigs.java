package dev.lakepipe.steps;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.FileSizing;
import dev.lakepipe.config.PipelineConfig;
import dev.lakepipe.config.PipelineConfigs;
import dev.lakepipe.config.PipelineType;
import dev.lakepipe.config.RuntimeSnapshot;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The runtime snapshot of a step ({@code --config}), read through Hadoop's file system: {@code file:} locally, S3 on EMR. */
public final class StepConfigs {

    private final RuntimeSnapshot snapshot;
    private final PipelineConfigs configs;

    private StepConfigs(RuntimeSnapshot snapshot) {
        this.snapshot = snapshot;
        this.configs = snapshot.configs();
    }

    public static StepConfigs read(String uri, Configuration hadoop) {
        var path = new Path(uri);
        try (var in = path.getFileSystem(hadoop).open(path)) {
            return new StepConfigs(RuntimeSnapshot.parse(in, uri));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read runtime snapshot %s: %s", uri, e.getMessage());
        }
    }

    public RuntimeSnapshot snapshot() {
        return snapshot;
    }

    /** The {@code file_sizing} of a system pipeline; the defaults when the snapshot has no such pipeline item or it sets none. */
    public FileSizing fileSizing(PipelineType type) {
        return configs.pipeline(type).map(PipelineConfig::fileSizing).orElse(FileSizing.DEFAULTS);
    }

    /** The enabled system tables, in config order. */
    public List<StepTable> tables() {
        return configs.enabledSystemSteps().stream()
                .map(step -> table(step.table().qualified()))
                .toList();
    }

    /** The table {@code schema.table}; throws naming the table when the snapshot has no such step. */
    public StepTable table(String qualified) {
        var step = configs.systemStep(qualified);
        return new StepTable(configs.database(), step, configs.targetTableName(step), snapshot.environment());
    }
}
