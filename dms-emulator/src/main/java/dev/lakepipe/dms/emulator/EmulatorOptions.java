package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.DmsPostgresSourceSettings;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run one emulator: where the source secret, the bronze root and the state directory are,
 * and the few DMS settings a local run changes (format, compression, batch interval and size,
 * slot). Everything else is {@link DmsCdcTask#lakepipe}. Read from JSON by {@link DmsEmulatorMain}.
 *
 * @param database the source database; null means the secret's {@code dbname}
 * @param publication the pgoutput publication; null means {@code <slot>_pub} (see {@link DmsEmulator.Builder#publication})
 */
public record EmulatorOptions(
        Path secretsFile,
        String secretName,
        Path bronzeRoot,
        Path stateDirectory,
        String database,
        List<String> schemas,
        DataFormat dataFormat,
        CompressionType compressionType,
        int cdcMaxBatchIntervalSeconds,
        int cdcMinFileSizeKb,
        String slotName,
        String publication) {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    public EmulatorOptions {
        requireNonNull(secretsFile, "secretsFile is null");
        requireNonNull(secretName, "secretName is null");
        requireNonNull(bronzeRoot, "bronzeRoot is null");
        requireNonNull(stateDirectory, "stateDirectory is null");
        schemas = List.copyOf(schemas == null || schemas.isEmpty() ? List.of("public") : schemas);
        dataFormat = dataFormat == null ? DataFormat.PARQUET : dataFormat;
        compressionType = compressionType == null ? CompressionType.GZIP : compressionType;
        slotName = slotName == null ? DmsPostgresSourceSettings.DEFAULT_SLOT_NAME : slotName;
        // Fail on bad settings before touching the source.
        DmsS3Settings.builder()
                .cdcMaxBatchIntervalSeconds(cdcMaxBatchIntervalSeconds)
                .cdcMinFileSizeKb(cdcMinFileSizeKb)
                .build();
    }

    public SourceConnection source() {
        return SourceConnection.fromSecretsFile(secretsFile, secretName);
    }

    /** lakepipe's DMS task for the source database, with these options' overrides. */
    public DmsCdcTask task(SourceConnection source) {
        var base = DmsCdcTask.lakepipe(database != null ? database : source.database(), schemas);
        var settings = base.s3Settings().toBuilder()
                .dataFormat(dataFormat)
                .compressionType(compressionType)
                .cdcMaxBatchIntervalSeconds(cdcMaxBatchIntervalSeconds)
                .cdcMinFileSizeKb(cdcMinFileSizeKb)
                .build();
        var sourceSettings = base.sourceSettings();
        return new DmsCdcTask(
                base.databaseName(),
                new DmsPostgresSourceSettings(
                        slotName,
                        sourceSettings.mapBooleanAsBoolean(),
                        sourceSettings.heartbeatEnable(),
                        sourceSettings.heartbeatFrequencyMinutes()),
                settings,
                base.tableMappings(),
                base.lobMaxSizeKb());
    }

    public DmsEmulator emulator() {
        var source = source();
        return DmsEmulator.builder()
                .task(task(source))
                .source(source)
                .bronzeRoot(bronzeRoot)
                .stateDirectory(stateDirectory)
                .publication(publication)
                .build();
    }

    public static EmulatorOptions read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), EmulatorOptions.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read emulator options " + file, e);
        }
    }

    public void write(Path file) {
        try {
            Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write emulator options " + file, e);
        }
    }
}
