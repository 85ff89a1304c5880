package dev.lakepipe.dms.emulator;

import dev.lakepipe.dms.ChangeSequence;
import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DmsS3Settings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * CSV change files as DMS writes them: no header unless {@code AddColumnName}, {@code CsvDelimiter},
 * {@code CsvRowDelimiter}, RFC 4180 quoting when {@code Rfc4180}, NULL as {@code CsvNullValue}
 * (default: an empty unquoted field), gzip when {@code CompressionType=GZIP}. Timestamps are
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSS} (UTC), dates {@code yyyy-MM-dd}, binary upper-case hex.
 */
final class CsvChangeFileFormat implements ChangeFileFormat {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final DmsS3Settings settings;

    CsvChangeFileFormat(DmsS3Settings settings) {
        this.settings = settings;
    }

    @Override
    public void write(Path file, TableLayout layout, List<Object[]> rows, long maxPosition) throws IOException {
        try (var out = open(file);
                var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024)) {
            if (settings.addColumnName()) {
                writeRecord(
                        writer,
                        layout.columns().stream()
                                .map(column -> (Object) column.name())
                                .toArray(),
                        layout.columns());
            }
            for (var row : rows) {
                writeRecord(writer, row, layout.columns());
            }
        }
    }

    @Override
    public OptionalLong maxPosition(Path file, int trailingColumnsAfterSequence) throws IOException {
        if (trailingColumnsAfterSequence < 0) {
            return OptionalLong.empty();
        }
        String content;
        try (InputStream in = settings.compressionType() == CompressionType.GZIP
                ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var records = parse(content);
        if (records.isEmpty()) {
            return OptionalLong.empty();
        }
        var last = records.get(records.size() - 1);
        int index = last.size() - 1 - trailingColumnsAfterSequence;
        return index < 0
                ? OptionalLong.empty()
                : OptionalLong.of(ChangeSequence.parse(last.get(index)).counter());
    }

    private OutputStream open(Path file) throws IOException {
        var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return settings.compressionType() == CompressionType.GZIP ? new GZIPOutputStream(out, 64 * 1024) : out;
    }

    private void writeRecord(BufferedWriter writer, Object[] values, List<OutputColumn> columns) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write(settings.csvDelimiter());
            }
            writer.write(
                    values[i] == null
                            ? settings.csvNullValue().orElse("")
                            : quote(render(values[i], columns.get(i).type())));
        }
        writer.write(settings.csvRowDelimiter());
    }

    private static String render(Object value, ColumnType type) {
        return switch (type.kind()) {
            case BINARY ->
                value instanceof byte[] bytes ? HexFormat.of().withUpperCase().formatHex(bytes) : value.toString();
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
            case TIMESTAMP -> TIMESTAMP.format(Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS));
            default -> value.toString();
        };
    }

    private String quote(String value) {
        if (!settings.rfc4180()) {
            return value;
        }
        boolean needsQuotes = value.contains(settings.csvDelimiter())
                || value.contains("\"")
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0
                || value.contains(settings.csvRowDelimiter());
        return needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** RFC 4180 records of {@code content} with this format's delimiters. */
    List<List<String>> parse(String content) {
        var records = new ArrayList<List<String>>();
        var record = new ArrayList<String>();
        var field = new StringBuilder();
        var delimiter = settings.csvDelimiter();
        var rowDelimiter = settings.csvRowDelimiter();
        boolean quoted = false;
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
            } else if (c == '"' && settings.rfc4180() && field.isEmpty()) {
                quoted = true;
                i++;
            } else if (content.startsWith(delimiter, i)) {
                record.add(field.toString());
                field.setLength(0);
                i += delimiter.length();
            } else if (content.startsWith(rowDelimiter, i)) {
                record.add(field.toString());
                field.setLength(0);
                records.add(List.copyOf(record));
                record.clear();
                i += rowDelimiter.length();
            } else {
                field.append(c);
                i++;
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(List.copyOf(record));
        }
        return records;
    }
}
