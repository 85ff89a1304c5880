package dev.lakepipe.cli.cdc;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.dms.emulator.EmulatorOptions;
import dev.lakepipe.dms.emulator.EmulatorProcess;
import dev.lakepipe.source.SecretsFile;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakepipe cdc start}: runs the emulator in the foreground until SIGTERM (or {@code lakepipe cdc stop}). */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        header = "Start the DMS emulator in the foreground; stop it with SIGTERM or 'lakepipe cdc stop'.",
        showDefaultValues = true,
        sortOptions = false)
public final class CdcStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CdcHome home;

    @Option(
            names = "--secret",
            paramLabel = "NAME",
            description =
                    "Secret in <home>/secrets.json to connect with (a REPLICATION role; default: the tpcc stack's DMS secret, tpcc/rdbms/rds/primary/dms).")
    String secret;

    @Option(
            names = "--database",
            paramLabel = "DB",
            description = "Source database (default: the secret's dbname); also names BucketFolder incremental/<db>.")
    String database;

    @Option(
            names = "--schema",
            paramLabel = "SCHEMA",
            defaultValue = "public",
            split = ",",
            description = "Schemas to capture (selection rules).")
    List<String> schemas;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "PARQUET",
            description = "DataFormat: ${COMPLETION-CANDIDATES}.")
    DataFormat format;

    @Option(
            names = "--compression",
            paramLabel = "TYPE",
            defaultValue = "GZIP",
            description = "CompressionType: ${COMPLETION-CANDIDATES}.")
    CompressionType compression;

    @Option(
            names = "--batch-interval",
            paramLabel = "SECONDS",
            converter = Counts.Positive.class,
            defaultValue = "" + DmsS3Settings.DEFAULT_CDC_MAX_BATCH_INTERVAL_SECONDS,
            description = "CdcMaxBatchInterval: a table's changes go to a new file at least this often.")
    int batchInterval;

    @Option(
            names = "--min-file-size",
            paramLabel = "KB",
            converter = Counts.Positive.class,
            defaultValue = "" + DmsS3Settings.DEFAULT_CDC_MIN_FILE_SIZE_KB,
            description = "CdcMinFileSize: a file is written as soon as a table has this much.")
    int minFileSizeKb;

    @Option(
            names = "--slot",
            paramLabel = "NAME",
            defaultValue = DmsPostgresSourceSettings.DEFAULT_SLOT_NAME,
            description = "Logical replication slot (created on first start, kept after stop).")
    String slot;

    @Option(
            names = "--publication",
            paramLabel = "NAME",
            defaultValue = "lakepipe_tpcc",
            description =
                    "pgoutput publication; the TPC-C source creates lakepipe_tpcc FOR ALL TABLES. Created for the selected tables when missing.")
    String publication;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            var options = new EmulatorOptions(
                    home.secretsFile(),
                    secret == null ? SecretsFile.DMS_SECRET : secret,
                    home.bronzeRoot(),
                    home.stateDirectory(),
                    database,
                    schemas,
                    format,
                    compression,
                    batchInterval,
                    minFileSizeKb,
                    slot,
                    publication);
            return EmulatorProcess.runForeground(options, out);
        } catch (LakepipeException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("Cannot start CDC: " + e.getMessage());
            return 1;
        }
    }
}
