package dev.lakepipe.dms.emulator;

import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DmsS3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;

/** Reads change files back for assertions: parquet through parquet-hadoop, CSV through the emulator's parser. */
final class ChangeFileReader {
    private static final Configuration CONF = new Configuration(false);

    private ChangeFileReader() {}

    /** The published change files under a folder, recursively, in file-name (time) order; temp files excluded. */
    static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> allFiles(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of the parquet files under a folder, in file order then row order; values as Java objects by name. */
    static List<Map<String, Object>> parquetRows(Path folder) {
        var rows = new ArrayList<Map<String, Object>>();
        for (var file : files(folder)) {
            rows.addAll(parquetRowsOf(file));
        }
        return rows;
    }

    static MessageType parquetSchema(Path file) {
        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(file), CONF))) {
            return reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> parquetRowsOf(Path file) {
        var rows = new ArrayList<Map<String, Object>>();
        try (var reader = ParquetReader.builder(new GroupReadSupport(), hadoopPath(file))
                .withConf(CONF)
                .build()) {
            Group group;
            while ((group = reader.read()) != null) {
                rows.add(toMap(group));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static List<List<String>> csvRecords(Path folder, DmsS3Settings settings) {
        var format = new CsvChangeFileFormat(settings);
        var records = new ArrayList<List<String>>();
        for (var file : files(folder)) {
            try (var in = settings.compressionType() == CompressionType.GZIP
                    ? new GZIPInputStream(Files.newInputStream(file))
                    : Files.newInputStream(file)) {
                records.addAll(format.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    private static Map<String, Object> toMap(Group group) {
        var type = group.getType();
        var row = new LinkedHashMap<String, Object>();
        for (int i = 0; i < type.getFieldCount(); i++) {
            var field = type.getType(i);
            if (group.getFieldRepetitionCount(i) == 0) {
                row.put(field.getName(), null);
                continue;
            }
            var annotation = field.getLogicalTypeAnnotation();
            var primitive = field.asPrimitiveType().getPrimitiveTypeName();
            Object value = switch (primitive) {
                case BINARY ->
                    annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            ? group.getString(i, 0)
                            : group.getBinary(i, 0).getBytes();
                case BOOLEAN -> group.getBoolean(i, 0);
                case INT32 ->
                    annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal
                            ? BigDecimal.valueOf(group.getInteger(i, 0), decimal.getScale())
                            : (Object) group.getInteger(i, 0);
                case INT64 ->
                    annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal
                            ? BigDecimal.valueOf(group.getLong(i, 0), decimal.getScale())
                            : (Object) group.getLong(i, 0);
                case FLOAT -> group.getFloat(i, 0);
                case DOUBLE -> group.getDouble(i, 0);
                case FIXED_LEN_BYTE_ARRAY ->
                    new BigDecimal(
                            new BigInteger(group.getBinary(i, 0).getBytes()),
                            ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) annotation).getScale());
                default -> group.getValueToString(i, 0);
            };
            row.put(field.getName(), value);
        }
        return row;
    }

    @SuppressWarnings("checkstyle:noInlineQualifiedName") // java.nio.file.Path is this file's Path
    private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
        return new org.apache.hadoop.fs.Path(file.toUri());
    }
}
