package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * One bronze parquet file written column by column: the caller puts each value of a row straight
 * into {@link #column(int)} and then calls {@link #endRow()}. This is parquet-mr's own record
 * writer without the record layer: no row objects, no record consumer, no per-field dispatch.
 * Every column is a top-level field: optional ones take definition level 1 for a value and 0 for
 * null, required ones have no levels at all.
 *
 * <p>The {@code constants} (a load's {@code Op} and {@code trx_seq}) are not written row by row:
 * each row group gets one dictionary page holding the value and one data page that repeats its id
 * as a single run, which is what parquet-mr writes for such a column, without hashing and
 * comparing the same string for every row.
 *
 * <p>{@link #finish()} writes the footer; {@link #abort(Throwable)} deletes what was written, so a
 * failed read never leaves a file that looks complete.
 */
final class BronzeParquetFile {

    /** How often the buffered size is compared with the row group size. */
    private static final int SIZE_CHECK_ROWS = 1024;

    private final MessageType schema;
    private final MessageType rowSchema;
    private final Map<ColumnDescriptor, Binary> constants;
    private final BronzeParquetSettings settings;
    private final Map<String, String> footer;
    private final CodecFactory codecs;
    private final Path path;
    private final Configuration conf;
    private final TrackedOutputFile output;
    private final ParquetFileWriter file;
    private final List<ColumnDescriptor> descriptors;
    private final int[] valueLevels;
    private final ColumnWriter[] columns;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private long rows;
    private long rowsInGroup;

    BronzeParquetFile(
            Configuration conf,
            Path path,
            MessageType schema,
            Map<String, Binary> constantValues,
            BronzeParquetSettings settings,
            Map<String, String> footer)
            throws IOException {
        this.schema = requireNonNull(schema, "schema is null");
        this.constants = new LinkedHashMap<>();
        constantValues.forEach((name, value) -> constants.put(requiredColumn(schema, name), value));
        this.rowSchema = new MessageType(
                schema.getName(),
                schema.getFields().stream()
                        .filter(field -> !constantValues.containsKey(field.getName()))
                        .toList());
        this.settings = requireNonNull(settings, "settings is null");
        this.footer = Map.copyOf(footer);
        var properties = settings.properties(schema);
        this.path = requireNonNull(path, "path is null");
        this.conf = requireNonNull(conf, "conf is null");
        this.codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
        this.output = new TrackedOutputFile(HadoopOutputFile.fromPath(path, conf));
        this.file = new ParquetFileWriter(
                output,
                schema,
                ParquetFileWriter.Mode.CREATE,
                settings.rowGroupBytes(),
                settings.maxPaddingBytes(),
                properties.getColumnIndexTruncateLength(),
                properties.getStatisticsTruncateLength(),
                properties.getPageWriteChecksumEnabled());
        this.descriptors = schema.getColumns();
        this.valueLevels = descriptors.stream()
                .mapToInt(ColumnDescriptor::getMaxDefinitionLevel)
                .toArray();
        this.columns = new ColumnWriter[descriptors.size()];
        try {
            file.start();
            startRowGroup(properties);
        } catch (IOException | RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    private static ColumnDescriptor requiredColumn(MessageType schema, String name) {
        var column = schema.getColumnDescription(new String[] {name});
        if (column.getMaxDefinitionLevel() != 0) {
            throw new IllegalArgumentException("Constant column " + name + " must be required in " + schema);
        }
        return column;
    }

    ColumnWriter column(int index) {
        return columns[index];
    }

    /** The definition level of a value in column {@code index}: 1 if the column is optional, 0 if required. */
    int valueLevel(int index) {
        return valueLevels[index];
    }

    void endRow() throws IOException {
        store.endRecord();
        rows++;
        rowsInGroup++;
        if (rowsInGroup % SIZE_CHECK_ROWS == 0 && store.getBufferedSize() >= settings.rowGroupBytes()) {
            finishRowGroup();
            startRowGroup(settings.properties(schema));
        }
    }

    long rows() {
        return rows;
    }

    /** Writes the last row group and the footer. */
    void finish() throws IOException {
        try {
            finishRowGroup();
            file.end(footer);
        } finally {
            codecs.release();
        }
    }

    /** Closes and deletes the unfinished file; failures to do so are added to {@code cause}. */
    void abort(Throwable cause) {
        try {
            codecs.release();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            output.closeStream();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            path.getFileSystem(conf).delete(path, false);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void startRowGroup(ParquetProperties properties) {
        pages = new ColumnChunkPageWriteStore(
                codecs.getCompressor(settings.codec()),
                schema,
                properties.getAllocator(),
                properties.getColumnIndexTruncateLength(),
                properties.getPageWriteChecksumEnabled());
        store = properties.newColumnWriteStore(rowSchema, pages, pages);
        for (int i = 0; i < columns.length; i++) {
            var column = descriptors.get(i);
            columns[i] = constants.containsKey(column) ? null : store.getColumnWriter(column);
        }
        rowsInGroup = 0;
    }

    private void finishRowGroup() throws IOException {
        if (rowsInGroup > 0) {
            for (var constant : constants.entrySet()) {
                writeConstant(constant.getKey(), constant.getValue(), Math.toIntExact(rowsInGroup));
            }
            file.startBlock(rowsInGroup);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
        }
        store.close();
    }

    /** A dictionary of one value, and a data page of {@code rows} ids 0: bit width 0, one RLE run, no levels (the column is required). */
    private void writeConstant(ColumnDescriptor column, Binary value, int rows) throws IOException {
        var writer = pages.getPageWriter(column);
        writer.writeDictionaryPage(new DictionaryPage(
                BytesInput.concat(BytesInput.fromInt(value.length()), BytesInput.from(value.getBytes())),
                1,
                Encoding.PLAIN_DICTIONARY));
        var statistics = Statistics.createStats(column.getPrimitiveType());
        statistics.updateStats(value);
        var ids = BytesInput.concat(BytesInput.from(new byte[] {0}), BytesInput.fromUnsignedVarLong((long) rows << 1));
        writer.writePage(
                ids, rows, rows, statistics, Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN_DICTIONARY);
    }

    /** Remembers the stream parquet-mr opens, which {@link ParquetFileWriter} has no way to close without a footer. */
    private static final class TrackedOutputFile implements OutputFile {
        private final OutputFile delegate;
        private PositionOutputStream stream;

        TrackedOutputFile(OutputFile delegate) {
            this.delegate = delegate;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            stream = delegate.create(blockSizeHint);
            return stream;
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            stream = delegate.createOrOverwrite(blockSizeHint);
            return stream;
        }

        @Override
        public boolean supportsBlockSize() {
            return delegate.supportsBlockSize();
        }

        @Override
        public long defaultBlockSize() {
            return delegate.defaultBlockSize();
        }

        void closeStream() throws IOException {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
