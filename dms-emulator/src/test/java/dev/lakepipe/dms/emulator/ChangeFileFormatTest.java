package dev.lakepipe.dms.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.AddColumnRule;
import dev.lakepipe.dms.ColumnDataType;
import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.dms.ObjectLocator;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeFileFormatTest {
    private static final TableId TABLE = new TableId("public", "t");

    @TempDir
    Path directory;

    @Test
    void parquetFileKeepsItsMaxPositionAndDecimals() throws Exception {
        var settings = DmsS3Settings.builder().build();
        var layout = layout(settings);
        var format = new ParquetChangeFileFormat(settings);
        var file = directory.resolve("f.parquet");
        format.write(
                file,
                layout,
                List.<Object[]>of(
                        layout.row(header(ChangeOperation.INSERT, 7), row(1, "12345678901234567890.12"), null)),
                7);

        assertThat(format.maxPosition(file, 2)).hasValue(7);
        var rows = ChangeFileReader.parquetRowsOf(file);
        assertThat(rows.get(0))
                .containsEntry("wide", new BigDecimal("12345678901234567890.12"))
                .containsEntry("Op", "I");
    }

    @Test
    void anUnreadableNewestFileDoesNotStopCaptureItsPositionComesFromTheNewestReadableOne() throws Exception {
        var settings = DmsS3Settings.builder().build();
        var layout = layout(settings);
        var publisher = new ChangeFilePublisher(directory, settings, Clock.systemUTC());
        var good = publisher.publish(
                layout,
                List.<Object[]>of(layout.row(header(ChangeOperation.INSERT, 7), row(1, "1.00"), null)),
                7,
                Optional.empty());
        var garbage = Files.writeString(good.resolveSibling("29991231-235959999.parquet"), "not parquet");

        var published = publisher.published(TABLE, 2);

        assertThat(published.maxPosition()).hasValue(7);
        assertThat(published.newestFile())
                .as("new files still sort after the unreadable one")
                .contains(garbage);
        Files.write(good, new byte[0]);
        assertThat(publisher.published(TABLE, 2).maxPosition()).isEmpty();
    }

    @Test
    void csvMaxPositionComesFromTheLastRowsSequence() throws Exception {
        var settings = DmsS3Settings.builder()
                .dataFormat(DataFormat.CSV)
                .compressionType(CompressionType.GZIP)
                .build();
        var layout = layout(settings);
        var format = new CsvChangeFileFormat(settings);
        var file = directory.resolve("f.csv.gz");
        format.write(
                file,
                layout,
                List.<Object[]>of(
                        layout.row(header(ChangeOperation.INSERT, 41), row(1, "1.00"), null),
                        layout.row(header(ChangeOperation.UPDATE, 42), row(1, "2.00"), key(1))),
                42);

        assertThat(format.maxPosition(file, 2)).hasValue(42);
        assertThat(format.maxPosition(file, -1)).isEmpty();
    }

    @Test
    void csvQuotingFollowsRfc4180() {
        var format = new CsvChangeFileFormat(
                DmsS3Settings.builder().dataFormat(DataFormat.CSV).build());
        assertThat(format.parse("I,\"a,\"\"b\"\"\nc\",,x\nD,1,2,3\n"))
                .containsExactly(List.of("I", "a,\"b\"\nc", "", "x"), List.of("D", "1", "2", "3"));
    }

    @Test
    void positionIsCommitLsnThenIndexAndRefusesOverflow() {
        assertThat(ChangeHeader.position(22095704, 3)).isEqualTo(22095704_000003L);
        assertThat(ChangeHeader.position(22095704, 999_999)).isLessThan(ChangeHeader.position(22095705, 1));
        assertThatThrownBy(() -> ChangeHeader.position(22095704, 1_000_000))
                .isInstanceOf(LakepipeException.class)
                .hasMessage(
                        "Cannot number change 1000000 of the transaction committed at LSN 0/1512758: the emulator's AR_H_CHANGE_SEQ "
                                + "holds at most 999999 changes per transaction; split the transaction");
        assertThat(Lsn.format(0x1_0000_0010L)).isEqualTo("1/10");
    }

    @Test
    void timeIsWrittenInPostgresTextForm() {
        assertThat(DmsTypeMapping.timeText(LocalTime.parse("09:30:12"))).isEqualTo("09:30:12");
        assertThat(DmsTypeMapping.timeText(LocalTime.parse("09:30:12.000120"))).isEqualTo("09:30:12.00012");
    }

    @Test
    void tableBufferIsDueByAgeOrSize() {
        var buffer = new TableBuffer(TABLE);
        var layout = layout(DmsS3Settings.builder().build());
        assertThat(buffer.due(0, 1, 1)).isFalse();
        buffer.append(
                layout,
                new TableBuffer.Row(new Object[] {"x".repeat(100)}, 1, Instant.now(), new CommitTicket()),
                1_000);
        assertThat(buffer.due(1_500, 1_000, 1_000)).isFalse();
        assertThat(buffer.due(2_000, 1_000, 1_000)).isTrue();
        assertThat(buffer.due(1_500, 1_000, 100)).isTrue();
    }

    @Test
    void rejectsExpressionsTheEmulatorCannotEvaluate() {
        var rule = new AddColumnRule(20, "upper", ObjectLocator.all(), "x", "upper($name)", ColumnDataType.string(10));
        assertThatThrownBy(() -> new TableLayout(
                        TABLE,
                        valueSchema(),
                        Optional.empty(),
                        DmsS3Settings.builder().build(),
                        List.of(rule),
                        Optional.empty(),
                        new DmsTypeMapping(true, 32)))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith(
                        "Cannot capture public.t: the emulator does not evaluate expression 'upper($name)' of add-column rule upper");
    }

    private static TableLayout layout(DmsS3Settings settings) {
        var mappings = DmsCdcTask.lakepipe("db", List.of("public")).tableMappings();
        var keySchema = SchemaBuilder.struct()
                .field("id", SchemaBuilder.int32().build())
                .build();
        return new TableLayout(
                TABLE,
                valueSchema(),
                Optional.of(keySchema),
                settings,
                mappings.addedColumns("public", "t"),
                mappings.beforeImage("public", "t"),
                new DmsTypeMapping(true, 32));
    }

    private static Schema valueSchema() {
        return SchemaBuilder.struct()
                .field("id", SchemaBuilder.int32().build())
                .field(
                        "wide",
                        Decimal.builder(2)
                                .parameter("connect.decimal.precision", "22")
                                .optional()
                                .build())
                .build();
    }

    private static Struct row(int id, String wide) {
        return new Struct(valueSchema()).put("id", id).put("wide", new BigDecimal(wide));
    }

    private static Struct key(int id) {
        var schema = SchemaBuilder.struct()
                .field("id", SchemaBuilder.int32().build())
                .build();
        return new Struct(schema).put("id", id);
    }

    private static ChangeHeader header(ChangeOperation operation, long position) {
        return new ChangeHeader(operation, Instant.parse("2024-01-15T09:30:12.345678Z"), 100, 90, position);
    }
}
