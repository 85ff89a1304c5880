package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the DMS S3 target endpoint ({@code S3Settings} in the DMS API), the one definition
 * shared by the CDK DMS endpoint and the local DMS emulator. Only the settings lakepipe uses are
 * modelled; {@link #toS3SettingsMap} renders them with the DMS API names.
 *
 * <p>Defaults ({@link #builder()}) follow the original design (parquet, gzip, date partitioning,
 * 180 s / 128 MB CDC batches, {@code Op} in full load) with two deliberate changes: date folders
 * use {@code SLASH} ({@code YYYY/MM/DD}, the bucket layout contract) and timestamps stay in
 * microseconds ({@code ParquetTimestampInMillisecond=false}) so Hudi keeps one precision end to end.
 *
 * @param cdcMaxBatchIntervalSeconds {@code CdcMaxBatchInterval}, seconds, at least 1
 * @param cdcMinFileSizeKb {@code CdcMinFileSize}, KB, at least 1
 * @param maxFileSizeKb {@code MaxFileSize} for full-load files, KB, 1..1,048,576
 */
public record DmsS3Settings(
        DataFormat dataFormat,
        String bucketFolder,
        CompressionType compressionType,
        boolean datePartitionEnabled,
        DatePartitionSequence datePartitionSequence,
        DatePartitionDelimiter datePartitionDelimiter,
        Optional<String> datePartitionTimezone,
        int cdcMaxBatchIntervalSeconds,
        int cdcMinFileSizeKb,
        int maxFileSizeKb,
        boolean includeOpForFullLoad,
        boolean cdcInsertsOnly,
        boolean cdcInsertsAndUpdates,
        Optional<String> timestampColumnName,
        boolean parquetTimestampInMillisecond,
        ParquetVersion parquetVersion,
        boolean enableStatistics,
        int rowGroupLength,
        String csvDelimiter,
        String csvRowDelimiter,
        Optional<String> csvNullValue,
        boolean addColumnName,
        boolean rfc4180) {

    public static final int DEFAULT_CDC_MAX_BATCH_INTERVAL_SECONDS = 180;
    public static final int DEFAULT_CDC_MIN_FILE_SIZE_KB = 131_072;
    public static final int DEFAULT_MAX_FILE_SIZE_KB = 1_048_576;
    public static final int DEFAULT_ROW_GROUP_LENGTH = 10_000;

    public DmsS3Settings {
        requireNonNull(dataFormat, "dataFormat is null");
        requireNonNull(bucketFolder, "bucketFolder is null");
        requireNonNull(compressionType, "compressionType is null");
        requireNonNull(datePartitionSequence, "datePartitionSequence is null");
        requireNonNull(datePartitionDelimiter, "datePartitionDelimiter is null");
        requireNonNull(datePartitionTimezone, "datePartitionTimezone is null");
        requireNonNull(timestampColumnName, "timestampColumnName is null");
        requireNonNull(parquetVersion, "parquetVersion is null");
        requireNonNull(csvDelimiter, "csvDelimiter is null");
        requireNonNull(csvRowDelimiter, "csvRowDelimiter is null");
        requireNonNull(csvNullValue, "csvNullValue is null");
        if (bucketFolder.startsWith("/") || bucketFolder.endsWith("/")) {
            throw new IllegalArgumentException(
                    "Invalid BucketFolder: '%s' (no leading or trailing '/')".formatted(bucketFolder));
        }
        if (cdcMaxBatchIntervalSeconds < 1) {
            throw new IllegalArgumentException(
                    "Invalid CdcMaxBatchInterval: %d (seconds, at least 1)".formatted(cdcMaxBatchIntervalSeconds));
        }
        if (cdcMinFileSizeKb < 1) {
            throw new IllegalArgumentException(
                    "Invalid CdcMinFileSize: %d (KB, at least 1)".formatted(cdcMinFileSizeKb));
        }
        if (maxFileSizeKb < 1 || maxFileSizeKb > DEFAULT_MAX_FILE_SIZE_KB) {
            throw new IllegalArgumentException("Invalid MaxFileSize: %d (KB, 1 to 1048576)".formatted(maxFileSizeKb));
        }
        if (rowGroupLength < 1) {
            throw new IllegalArgumentException(
                    "Invalid RowGroupLength: %d (rows, at least 1)".formatted(rowGroupLength));
        }
        if (cdcInsertsOnly && cdcInsertsAndUpdates) {
            throw new IllegalArgumentException(
                    "Invalid S3 settings: CdcInsertsOnly and CdcInsertsAndUpdates cannot both be true; set one of them");
        }
        datePartitionTimezone.ifPresent(ZoneId::of);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The zone used for date folders and CDC file names: {@code DatePartitionTimezone}, else UTC. */
    public ZoneId zone() {
        return datePartitionTimezone.map(ZoneId::of).orElse(ZoneId.of("UTC"));
    }

    /**
     * The settings under their DMS API names ({@code AWS::DMS::Endpoint.S3Settings} /
     * {@code aws dms create-endpoint --s3-settings}), in a stable order. Values are strings,
     * booleans and integers, exactly as DMS takes them.
     */
    public Map<String, Object> toS3SettingsMap(String bucketName, String serviceAccessRoleArn) {
        requireNonNull(bucketName, "bucketName is null");
        requireNonNull(serviceAccessRoleArn, "serviceAccessRoleArn is null");
        var map = new LinkedHashMap<String, Object>();
        map.put("BucketName", bucketName);
        map.put("BucketFolder", bucketFolder);
        map.put("ServiceAccessRoleArn", serviceAccessRoleArn);
        map.put("DataFormat", dataFormat.dmsValue());
        map.put("CompressionType", compressionType.dmsValue());
        map.put("DatePartitionEnabled", datePartitionEnabled);
        if (datePartitionEnabled) {
            map.put("DatePartitionSequence", datePartitionSequence.dmsValue());
            map.put("DatePartitionDelimiter", datePartitionDelimiter.dmsValue());
            datePartitionTimezone.ifPresent(zone -> map.put("DatePartitionTimezone", zone));
        }
        map.put("CdcMaxBatchInterval", cdcMaxBatchIntervalSeconds);
        map.put("CdcMinFileSize", cdcMinFileSizeKb);
        map.put("MaxFileSize", maxFileSizeKb);
        map.put("IncludeOpForFullLoad", includeOpForFullLoad);
        map.put("CdcInsertsOnly", cdcInsertsOnly);
        map.put("CdcInsertsAndUpdates", cdcInsertsAndUpdates);
        timestampColumnName.ifPresent(name -> map.put("TimestampColumnName", name));
        if (dataFormat == DataFormat.PARQUET) {
            map.put("ParquetTimestampInMillisecond", parquetTimestampInMillisecond);
            map.put("ParquetVersion", parquetVersion.dmsValue());
            map.put("EnableStatistics", enableStatistics);
            map.put("RowGroupLength", rowGroupLength);
        } else {
            map.put("CsvDelimiter", csvDelimiter);
            map.put("CsvRowDelimiter", csvRowDelimiter);
            csvNullValue.ifPresent(value -> map.put("CsvNullValue", value));
            map.put("AddColumnName", addColumnName);
            map.put("Rfc4180", rfc4180);
        }
        return map;
    }

    /** {@link #toS3SettingsMap} as the JSON object DMS takes. */
    public String toS3SettingsJson(String bucketName, String serviceAccessRoleArn) {
        return DmsJson.write(toS3SettingsMap(bucketName, serviceAccessRoleArn));
    }

    /** Builder; every default is the value documented on {@link DmsS3Settings}. */
    public static final class Builder {
        private DataFormat dataFormat = DataFormat.PARQUET;
        private String bucketFolder = "incremental";
        private CompressionType compressionType = CompressionType.GZIP;
        private boolean datePartitionEnabled = true;
        private DatePartitionSequence datePartitionSequence = DatePartitionSequence.YYYYMMDD;
        private DatePartitionDelimiter datePartitionDelimiter = DatePartitionDelimiter.SLASH;
        private Optional<String> datePartitionTimezone = Optional.empty();
        private int cdcMaxBatchIntervalSeconds = DEFAULT_CDC_MAX_BATCH_INTERVAL_SECONDS;
        private int cdcMinFileSizeKb = DEFAULT_CDC_MIN_FILE_SIZE_KB;
        private int maxFileSizeKb = DEFAULT_MAX_FILE_SIZE_KB;
        private boolean includeOpForFullLoad = true;
        private boolean cdcInsertsOnly;
        private boolean cdcInsertsAndUpdates;
        private Optional<String> timestampColumnName = Optional.empty();
        private boolean parquetTimestampInMillisecond;
        private ParquetVersion parquetVersion = ParquetVersion.PARQUET_1_0;
        private boolean enableStatistics = true;
        private int rowGroupLength = DEFAULT_ROW_GROUP_LENGTH;
        private String csvDelimiter = ",";
        private String csvRowDelimiter = "\n";
        private Optional<String> csvNullValue = Optional.empty();
        private boolean addColumnName;
        private boolean rfc4180 = true;

        private Builder() {}

        private Builder(DmsS3Settings settings) {
            dataFormat = settings.dataFormat;
            bucketFolder = settings.bucketFolder;
            compressionType = settings.compressionType;
            datePartitionEnabled = settings.datePartitionEnabled;
            datePartitionSequence = settings.datePartitionSequence;
            datePartitionDelimiter = settings.datePartitionDelimiter;
            datePartitionTimezone = settings.datePartitionTimezone;
            cdcMaxBatchIntervalSeconds = settings.cdcMaxBatchIntervalSeconds;
            cdcMinFileSizeKb = settings.cdcMinFileSizeKb;
            maxFileSizeKb = settings.maxFileSizeKb;
            includeOpForFullLoad = settings.includeOpForFullLoad;
            cdcInsertsOnly = settings.cdcInsertsOnly;
            cdcInsertsAndUpdates = settings.cdcInsertsAndUpdates;
            timestampColumnName = settings.timestampColumnName;
            parquetTimestampInMillisecond = settings.parquetTimestampInMillisecond;
            parquetVersion = settings.parquetVersion;
            enableStatistics = settings.enableStatistics;
            rowGroupLength = settings.rowGroupLength;
            csvDelimiter = settings.csvDelimiter;
            csvRowDelimiter = settings.csvRowDelimiter;
            csvNullValue = settings.csvNullValue;
            addColumnName = settings.addColumnName;
            rfc4180 = settings.rfc4180;
        }

        /** Default {@code parquet}. */
        public Builder dataFormat(DataFormat value) {
            dataFormat = value;
            return this;
        }

        /** Default {@code incremental}; lakepipe uses {@code incremental/<db>} (see {@link DmsCdcTask}). */
        public Builder bucketFolder(String value) {
            bucketFolder = value;
            return this;
        }

        /** Default {@code GZIP}. */
        public Builder compressionType(CompressionType value) {
            compressionType = value;
            return this;
        }

        /** Default true. */
        public Builder datePartitionEnabled(boolean value) {
            datePartitionEnabled = value;
            return this;
        }

        /** Default {@code YYYYMMDD}. */
        public Builder datePartitionSequence(DatePartitionSequence value) {
            datePartitionSequence = value;
            return this;
        }

        /** Default {@code SLASH}. */
        public Builder datePartitionDelimiter(DatePartitionDelimiter value) {
            datePartitionDelimiter = value;
            return this;
        }

        /** Default none (UTC). An {@code Area/Location} zone id. */
        public Builder datePartitionTimezone(String value) {
            datePartitionTimezone = Optional.ofNullable(value);
            return this;
        }

        /** Default 180 seconds. */
        public Builder cdcMaxBatchIntervalSeconds(int value) {
            cdcMaxBatchIntervalSeconds = value;
            return this;
        }

        /** Default 131,072 KB. */
        public Builder cdcMinFileSizeKb(int value) {
            cdcMinFileSizeKb = value;
            return this;
        }

        /** Default 1,048,576 KB. */
        public Builder maxFileSizeKb(int value) {
            maxFileSizeKb = value;
            return this;
        }

        /** Default true: full-load rows carry {@code Op=I}. */
        public Builder includeOpForFullLoad(boolean value) {
            includeOpForFullLoad = value;
            return this;
        }

        /** Default false. */
        public Builder cdcInsertsOnly(boolean value) {
            cdcInsertsOnly = value;
            return this;
        }

        /** Default false. */
        public Builder cdcInsertsAndUpdates(boolean value) {
            cdcInsertsAndUpdates = value;
            return this;
        }

        /** Default none: lakepipe orders changes by the {@code trx_seq} column instead. */
        public Builder timestampColumnName(String value) {
            timestampColumnName = Optional.ofNullable(value);
            return this;
        }

        /** Default false (microseconds). */
        public Builder parquetTimestampInMillisecond(boolean value) {
            parquetTimestampInMillisecond = value;
            return this;
        }

        /** Default {@code parquet-1-0}. */
        public Builder parquetVersion(ParquetVersion value) {
            parquetVersion = value;
            return this;
        }

        /** Default true. */
        public Builder enableStatistics(boolean value) {
            enableStatistics = value;
            return this;
        }

        /** Default 10,000 rows. */
        public Builder rowGroupLength(int value) {
            rowGroupLength = value;
            return this;
        }

        /** Default {@code ,}. */
        public Builder csvDelimiter(String value) {
            csvDelimiter = value;
            return this;
        }

        /** Default {@code \n}. */
        public Builder csvRowDelimiter(String value) {
            csvRowDelimiter = value;
            return this;
        }

        /** Default none: NULL is an empty unquoted field. */
        public Builder csvNullValue(String value) {
            csvNullValue = Optional.ofNullable(value);
            return this;
        }

        /** Default false (no header row). */
        public Builder addColumnName(boolean value) {
            addColumnName = value;
            return this;
        }

        /** Default true. */
        public Builder rfc4180(boolean value) {
            rfc4180 = value;
            return this;
        }

        public DmsS3Settings build() {
            return new DmsS3Settings(
                    dataFormat,
                    bucketFolder,
                    compressionType,
                    datePartitionEnabled,
                    datePartitionSequence,
                    datePartitionDelimiter,
                    datePartitionTimezone,
                    cdcMaxBatchIntervalSeconds,
                    cdcMinFileSizeKb,
                    maxFileSizeKb,
                    includeOpForFullLoad,
                    cdcInsertsOnly,
                    cdcInsertsAndUpdates,
                    timestampColumnName,
                    parquetTimestampInMillisecond,
                    parquetVersion,
                    enableStatistics,
                    rowGroupLength,
                    csvDelimiter,
                    csvRowDelimiter,
                    csvNullValue,
                    addColumnName,
                    rfc4180);
        }
    }
}
