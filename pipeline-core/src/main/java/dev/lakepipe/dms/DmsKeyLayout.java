package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Where DMS puts a table's objects under the target bucket, from the S3 settings:
 * {@code <BucketFolder>/<schema>/<table>/[<date folders>/]<yyyyMMdd-HHmmssSSS>.<ext>} for CDC files.
 * Keys use {@code /}; callers resolve them against a bucket root (S3 URI or local folder).
 */
public final class DmsKeyLayout {
    private static final DateTimeFormatter CDC_FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

    private final DmsS3Settings settings;

    public DmsKeyLayout(DmsS3Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** {@code <BucketFolder>/<schema>/<table>}. */
    public String tableFolder(String schema, String table) {
        var folder = schema + "/" + table;
        return settings.bucketFolder().isEmpty() ? folder : settings.bucketFolder() + "/" + folder;
    }

    /** The key of the CDC file written at {@code fileTime}, date folders and name in the settings' zone. */
    public String cdcFileKey(String schema, String table, Instant fileTime) {
        var local = LocalDateTime.ofInstant(fileTime, settings.zone());
        var key = new StringBuilder(tableFolder(schema, table)).append('/');
        if (settings.datePartitionEnabled()) {
            var delimiter = settings.datePartitionDelimiter();
            var parts = settings.datePartitionSequence().parts(local);
            key.append(String.join(delimiter.separator(), parts)).append('/');
        }
        return key.append(cdcFileName(local)).toString();
    }

    /** The CDC file name alone, e.g. {@code 20240115-093012345.parquet} or {@code 20240115-093012345.csv.gz}. */
    public String cdcFileName(LocalDateTime localFileTime) {
        return CDC_FILE_TIME.format(localFileTime) + extension();
    }

    /** {@code .parquet}, {@code .csv}, or {@code .csv.gz} for GZIP CSV (parquet compresses inside the file). */
    public String extension() {
        var extension = settings.dataFormat().extension();
        if (settings.dataFormat() == DataFormat.CSV && settings.compressionType() == CompressionType.GZIP) {
            return extension + ".gz";
        }
        return extension;
    }

    /** True for a CDC file name (timestamp name with this layout's extension), false for LOAD files and temp files. */
    public boolean isCdcFileName(String fileName) {
        return fileName.matches("\\d{8}-\\d{9}" + Pattern.quote(extension()));
    }
}
