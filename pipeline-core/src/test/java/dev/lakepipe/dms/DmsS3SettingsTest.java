package dev.lakepipe.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmsS3SettingsTest {

    @Test
    void defaultsRenderTheDmsS3SettingsJson() throws Exception {
        var json = DmsCdcTask.lakepipe("tpcc", List.of("public"))
                .s3Settings()
                .toS3SettingsJson("lakepipe-bronze", "arn:aws:iam::123456789012:role/dms-s3");

        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = new ObjectMapper().readValue(json, Map.class);
        assertThat(parsed)
                .containsExactly(
                        Map.<String, Object>entry("BucketName", "lakepipe-bronze"),
                        Map.<String, Object>entry("BucketFolder", "incremental/tpcc"),
                        Map.<String, Object>entry("ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-s3"),
                        Map.<String, Object>entry("DataFormat", "parquet"),
                        Map.<String, Object>entry("CompressionType", "GZIP"),
                        Map.<String, Object>entry("DatePartitionEnabled", true),
                        Map.<String, Object>entry("DatePartitionSequence", "YYYYMMDD"),
                        Map.<String, Object>entry("DatePartitionDelimiter", "SLASH"),
                        Map.<String, Object>entry("CdcMaxBatchInterval", 180),
                        Map.<String, Object>entry("CdcMinFileSize", 131072),
                        Map.<String, Object>entry("MaxFileSize", 1048576),
                        Map.<String, Object>entry("IncludeOpForFullLoad", true),
                        Map.<String, Object>entry("CdcInsertsOnly", false),
                        Map.<String, Object>entry("CdcInsertsAndUpdates", false),
                        Map.<String, Object>entry("ParquetTimestampInMillisecond", false),
                        Map.<String, Object>entry("ParquetVersion", "parquet-1-0"),
                        Map.<String, Object>entry("EnableStatistics", true),
                        Map.<String, Object>entry("RowGroupLength", 10000));
    }

    @Test
    void everySettingMapsToItsDmsName() {
        var settings = DmsS3Settings.builder()
                .dataFormat(DataFormat.CSV)
                .bucketFolder("cdc")
                .compressionType(CompressionType.NONE)
                .datePartitionSequence(DatePartitionSequence.YYYYMMDDHH)
                .datePartitionDelimiter(DatePartitionDelimiter.DASH)
                .datePartitionTimezone("Asia/Seoul")
                .cdcMaxBatchIntervalSeconds(1)
                .cdcMinFileSizeKb(64)
                .maxFileSizeKb(1024)
                .includeOpForFullLoad(false)
                .cdcInsertsAndUpdates(true)
                .timestampColumnName("ts")
                .csvDelimiter("|")
                .csvRowDelimiter("\r\n")
                .csvNullValue("\\N")
                .addColumnName(true)
                .rfc4180(false)
                .build();

        assertThat(settings.toS3SettingsMap("b", "r"))
                .containsEntry("DataFormat", "csv")
                .containsEntry("BucketFolder", "cdc")
                .containsEntry("CompressionType", "NONE")
                .containsEntry("DatePartitionSequence", "YYYYMMDDHH")
                .containsEntry("DatePartitionDelimiter", "DASH")
                .containsEntry("DatePartitionTimezone", "Asia/Seoul")
                .containsEntry("CdcMaxBatchInterval", 1)
                .containsEntry("CdcMinFileSize", 64)
                .containsEntry("MaxFileSize", 1024)
                .containsEntry("IncludeOpForFullLoad", false)
                .containsEntry("CdcInsertsAndUpdates", true)
                .containsEntry("TimestampColumnName", "ts")
                .containsEntry("CsvDelimiter", "|")
                .containsEntry("CsvRowDelimiter", "\r\n")
                .containsEntry("CsvNullValue", "\\N")
                .containsEntry("AddColumnName", true)
                .containsEntry("Rfc4180", false)
                .doesNotContainKey("ParquetVersion");
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void rejectsInvalidSettingsNamingTheSetting() {
        assertThatThrownBy(() ->
                        DmsS3Settings.builder().cdcMaxBatchIntervalSeconds(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid CdcMaxBatchInterval: 0 (seconds, at least 1)");
        assertThatThrownBy(() -> DmsS3Settings.builder()
                        .cdcInsertsOnly(true)
                        .cdcInsertsAndUpdates(true)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid S3 settings: CdcInsertsOnly and CdcInsertsAndUpdates cannot both be true; set one of them");
        assertThatThrownBy(() ->
                        DmsS3Settings.builder().bucketFolder("incremental/").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid BucketFolder: 'incremental/' (no leading or trailing '/')");
        assertThatThrownBy(
                        () -> DmsS3Settings.builder().maxFileSizeKb(2_000_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MaxFileSize: 2000000 (KB, 1 to 1048576)");
    }

    @Test
    void keyLayoutFollowsDatePartitionSettings() {
        var time = Instant.parse("2024-01-15T09:30:12.345678Z");
        var slash = new DmsKeyLayout(
                DmsS3Settings.builder().bucketFolder("incremental/tpcc").build());
        assertThat(slash.cdcFileKey("public", "orders", time))
                .isEqualTo("incremental/tpcc/public/orders/2024/01/15/20240115-093012345.parquet");

        var dash = new DmsKeyLayout(DmsS3Settings.builder()
                .datePartitionDelimiter(DatePartitionDelimiter.DASH)
                .datePartitionSequence(DatePartitionSequence.DDMMYYYY)
                .dataFormat(DataFormat.CSV)
                .build());
        assertThat(dash.cdcFileKey("public", "orders", time))
                .isEqualTo("incremental/public/orders/15-01-2024/20240115-093012345.csv.gz");

        var seoul = new DmsKeyLayout(DmsS3Settings.builder()
                .datePartitionEnabled(false)
                .datePartitionTimezone("Asia/Seoul")
                .bucketFolder("")
                .build());
        assertThat(seoul.cdcFileKey("public", "orders", time)).isEqualTo("public/orders/20240115-183012345.parquet");

        assertThat(slash.isCdcFileName("20240115-093012345.parquet")).isTrue();
        assertThat(slash.isCdcFileName(".20240115-093012345.parquet")).isFalse();
        assertThat(slash.isCdcFileName("LOAD00000001.parquet")).isFalse();
    }

    @Test
    void sourceSettingsRenderPostgreSqlSettings() {
        assertThat(DmsCdcTask.lakepipe("tpcc", List.of("public"))
                        .sourceSettings()
                        .toPostgreSqlSettingsMap())
                .containsExactly(
                        Map.<String, Object>entry("SlotName", "lakepipe_dms"),
                        Map.<String, Object>entry("MapBooleanAsBoolean", false),
                        Map.<String, Object>entry("HeartbeatEnable", true),
                        Map.<String, Object>entry("HeartbeatFrequency", 5));
        assertThatThrownBy(() -> new DmsPostgresSourceSettings("Bad-Slot", true, true, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid SlotName: 'Bad-Slot' (lower-case letters, digits and _, at most 63)");
    }

    @Test
    void taskSettingsKeepBronzeFilesOnTruncateAndDrop() {
        var task = DmsCdcTask.lakepipe("tpcc", List.of("public"));
        assertThat(task.taskSettingsJson())
                .contains(
                        "\"HandleSourceTableTruncated\" : false",
                        "\"HandleSourceTableDropped\" : false",
                        "\"BatchApplyEnabled\" : false",
                        "\"LobMaxSize\" : 32");
    }
}
