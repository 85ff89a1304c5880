package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.SparkSession;

/**
 * The parquet settings of the COPY path's bronze files, read from keys Spark's parquet writer also
 * honours, so a table's {@code spark_conf.jdbc_load} tunes both readers' files alike:
 * {@code spark.sql.parquet.compression.codec}, and in the Hadoop configuration
 * {@code parquet.block.size}, {@code parquet.writer.max-padding}, {@code parquet.page.size},
 * {@code parquet.dictionary.page.size}, {@code parquet.enable.dictionary} and
 * {@code parquet.writer.version}. Other parquet-mr settings keep their defaults.
 * {@code plainColumns} are written without dictionary encoding ({@link DictionaryColumns}).
 */
record BronzeParquetSettings(
        CompressionCodecName codec,
        long rowGroupBytes,
        int maxPaddingBytes,
        int pageBytes,
        int dictionaryPageBytes,
        boolean dictionary,
        ParquetProperties.WriterVersion writerVersion,
        Set<String> plainColumns)
        implements Serializable {

    static final String CODEC_CONF = "spark.sql.parquet.compression.codec";
    private static final int DEFAULT_MAX_PADDING_BYTES = 8 * 1024 * 1024;

    BronzeParquetSettings {
        requireNonNull(codec, "codec is null");
        requireNonNull(writerVersion, "writerVersion is null");
        plainColumns = Set.copyOf(plainColumns);
    }

    static BronzeParquetSettings of(SparkSession spark) {
        return of(spark.conf().get(CODEC_CONF, "snappy"), spark.sparkContext().hadoopConfiguration());
    }

    static BronzeParquetSettings of(String sparkCodec, Configuration hadoopConf) {
        return new BronzeParquetSettings(
                codec(sparkCodec),
                ParquetOutputFormat.getBlockSize(hadoopConf),
                hadoopConf.getInt(ParquetOutputFormat.MAX_PADDING_BYTES, DEFAULT_MAX_PADDING_BYTES),
                ParquetOutputFormat.getPageSize(hadoopConf),
                ParquetOutputFormat.getDictionaryPageSize(hadoopConf),
                ParquetOutputFormat.getEnableDictionary(hadoopConf),
                ParquetOutputFormat.getWriterVersion(hadoopConf),
                Set.of());
    }

    BronzeParquetSettings withPlainColumns(Set<String> columns) {
        return new BronzeParquetSettings(
                codec,
                rowGroupBytes,
                maxPaddingBytes,
                pageBytes,
                dictionaryPageBytes,
                dictionary,
                writerVersion,
                columns);
    }

    ParquetProperties properties(MessageType schema) {
        var builder = ParquetProperties.builder()
                .withPageSize(pageBytes)
                .withDictionaryPageSize(dictionaryPageBytes)
                .withDictionaryEncoding(dictionary)
                .withWriterVersion(writerVersion);
        for (var column : plainColumns) {
            builder.withDictionaryEncoding(column, false);
        }
        return builder.build();
    }

    private static CompressionCodecName codec(String sparkCodec) {
        var name = sparkCodec.toUpperCase(Locale.ROOT);
        if (name.equals("NONE")) {
            return CompressionCodecName.UNCOMPRESSED;
        }
        try {
            return CompressionCodecName.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new LakepipeException(
                    e,
                    "Unknown parquet codec %s=%s; use one of none, uncompressed, snappy, gzip, lzo, brotli, lz4, "
                            + "lz4_raw, zstd",
                    CODEC_CONF,
                    sparkCodec);
        }
    }
}
