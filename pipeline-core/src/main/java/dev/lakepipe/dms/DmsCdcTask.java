package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lakepipe's DMS CDC task: the S3 target settings and the table mapping, for one source database.
 * The CDK app renders the DMS endpoint and replication task from this; the local emulator reads it.
 *
 * @param sourceSettings the PostgreSQL source endpoint settings
 * @param lobMaxSizeKb limited-LOB-mode size ({@code TargetMetadata.LobMaxSize}); longer values are truncated
 */
public record DmsCdcTask(
        String databaseName,
        DmsPostgresSourceSettings sourceSettings,
        DmsS3Settings s3Settings,
        DmsTableMappings tableMappings,
        int lobMaxSizeKb) {

    public static final int DEFAULT_LOB_MAX_SIZE_KB = 32;

    public DmsCdcTask {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(sourceSettings, "sourceSettings is null");
        requireNonNull(s3Settings, "s3Settings is null");
        requireNonNull(tableMappings, "tableMappings is null");
        if (databaseName.isBlank() || databaseName.contains("/")) {
            throw new IllegalArgumentException("Invalid database name: '%s'".formatted(databaseName));
        }
        if (lobMaxSizeKb < 1) {
            throw new IllegalArgumentException("Invalid LobMaxSize: %d (KB, at least 1)".formatted(lobMaxSizeKb));
        }
    }

    /**
     * lakepipe's task for a database: default {@link DmsS3Settings} with {@code BucketFolder=incremental/<db>},
     * the {@link DmsTableMappings#lakepipe lakepipe mapping} of the given schemas with PK before-image columns,
     * {@link DmsPostgresSourceSettings#lakepipe()} source settings.
     */
    public static DmsCdcTask lakepipe(String databaseName, List<String> schemas) {
        var settings =
                DmsS3Settings.builder().bucketFolder(bucketFolder(databaseName)).build();
        return new DmsCdcTask(
                databaseName,
                DmsPostgresSourceSettings.lakepipe(),
                settings,
                DmsTableMappings.lakepipe(schemas, true),
                DEFAULT_LOB_MAX_SIZE_KB);
    }

    /** {@code incremental/<db>}: the CDC prefix in the bronze bucket. */
    public static String bucketFolder(String databaseName) {
        return "incremental/" + databaseName;
    }

    public DmsCdcTask withS3Settings(DmsS3Settings settings) {
        return new DmsCdcTask(databaseName, sourceSettings, settings, tableMappings, lobMaxSizeKb);
    }

    /**
     * The parts of {@code ReplicationTaskSettings} that matter to the lake: limited LOB mode, no batch
     * apply (DMS may lose data on S3 with it), and truncate/drop handling off so DMS never deletes
     * bronze files.
     */
    public Map<String, Object> taskSettingsMap() {
        var targetMetadata = new LinkedHashMap<String, Object>();
        targetMetadata.put("SupportLobs", true);
        targetMetadata.put("FullLobMode", false);
        targetMetadata.put("LimitedSizeLobMode", true);
        targetMetadata.put("LobMaxSize", lobMaxSizeKb);
        targetMetadata.put("BatchApplyEnabled", false);
        var ddl = new LinkedHashMap<String, Object>();
        ddl.put("HandleSourceTableDropped", false);
        ddl.put("HandleSourceTableTruncated", false);
        ddl.put("HandleSourceTableAltered", true);
        var settings = new LinkedHashMap<String, Object>();
        settings.put("TargetMetadata", targetMetadata);
        settings.put("ChangeProcessingDdlHandlingPolicy", ddl);
        return settings;
    }

    public String taskSettingsJson() {
        return DmsJson.write(taskSettingsMap());
    }
}
