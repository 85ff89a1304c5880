package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.AddBeforeImageColumnsRule;
import dev.lakepipe.dms.AddColumnRule;
import dev.lakepipe.dms.DmsColumns;
import dev.lakepipe.dms.DmsS3Settings;
import dev.lakepipe.dms.HeaderExpression;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The columns of one table's change files for one source schema version, in DMS's order:
 * {@code Op} (when written), the {@code TimestampColumnName} column, the source columns in table
 * order, the {@code add-column} columns in rule order, then the before-image columns.
 */
final class TableLayout {
    private static final DateTimeFormatter TIMESTAMP_COLUMN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final TableId table;
    private final Schema valueSchema;
    private final boolean opColumn;
    private final boolean timestampColumn;
    private final List<SourceColumn> sourceColumns;
    private final List<HeaderExpression> addedColumns;
    private final List<SourceColumn> beforeImageColumns;
    private final List<OutputColumn> columns;

    TableLayout(
            TableId table,
            Schema valueSchema,
            Optional<Schema> keySchema,
            DmsS3Settings settings,
            List<AddColumnRule> addColumnRules,
            Optional<AddBeforeImageColumnsRule> beforeImage,
            DmsTypeMapping types) {
        this.table = requireNonNull(table, "table is null");
        this.valueSchema = requireNonNull(valueSchema, "valueSchema is null");
        this.opColumn =
                !(settings.cdcInsertsOnly() || settings.cdcInsertsAndUpdates()) || settings.includeOpForFullLoad();
        this.timestampColumn = settings.timestampColumnName().isPresent();
        this.sourceColumns = valueSchema.fields().stream()
                .map(field -> types.column(table.toString(), field))
                .toList();
        this.addedColumns =
                addColumnRules.stream().map(rule -> expression(table, rule)).toList();
        this.beforeImageColumns = beforeImage
                .map(rule -> beforeImageColumns(table, rule, keySchema, types))
                .orElse(List.of());

        var all = new ArrayList<OutputColumn>();
        if (opColumn) {
            all.add(new OutputColumn(DmsColumns.OP, ColumnType.STRING));
        }
        settings.timestampColumnName().ifPresent(name -> all.add(new OutputColumn(name, ColumnType.STRING)));
        sourceColumns.forEach(column -> all.add(new OutputColumn(column.name(), column.type())));
        for (int i = 0; i < addColumnRules.size(); i++) {
            all.add(new OutputColumn(addColumnRules.get(i).columnName(), headerType(addedColumns.get(i))));
        }
        var beforeImageNames = beforeImage
                .map(rule -> beforeImageColumns.stream()
                        .map(column -> rule.columnName(column.name()))
                        .toList())
                .orElse(List.of());
        for (int i = 0; i < beforeImageColumns.size(); i++) {
            all.add(new OutputColumn(
                    beforeImageNames.get(i), beforeImageColumns.get(i).type()));
        }
        var names = new HashSet<String>();
        for (var column : all) {
            if (!names.add(column.name())) {
                throw new LakepipeException(
                        "Cannot capture %s: column %s appears twice in its change files; rename the add-column rule's value",
                        table, column.name());
            }
        }
        this.columns = List.copyOf(all);
    }

    TableId table() {
        return table;
    }

    Schema valueSchema() {
        return valueSchema;
    }

    List<OutputColumn> columns() {
        return columns;
    }

    /** Index of a column in {@link #columns()}, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The row DMS writes: {@code image} is the after image (I/U) or the before image (D);
     * {@code previousKey} the key before an UPDATE (null for I/D), for the before-image columns.
     */
    Object[] row(ChangeHeader header, Struct image, Struct previousKey) {
        var row = new Object[columns.size()];
        int i = 0;
        if (opColumn) {
            row[i++] = header.operation().op();
        }
        if (timestampColumn) {
            row[i++] = TIMESTAMP_COLUMN.format(header.commitTime());
        }
        for (var column : sourceColumns) {
            row[i++] = column.convert(image.get(column.name()));
        }
        for (var expression : addedColumns) {
            row[i++] = headerValue(expression, header);
        }
        for (var column : beforeImageColumns) {
            row[i++] = previousKey == null ? null : column.convert(previousKey.get(column.name()));
        }
        return row;
    }

    private static Object headerValue(HeaderExpression expression, ChangeHeader header) {
        return switch (expression) {
            case CHANGE_SEQ -> header.changeSequence().toString();
            case OPERATION -> header.operation().name();
            case COMMIT_TIMESTAMP -> DmsTypeMapping.epochMicros(header.commitTime());
            case STREAM_POSITION -> Lsn.format(header.changeLsn());
            case IS_DELETE -> header.operation() == ChangeOperation.DELETE;
        };
    }

    private static ColumnType headerType(HeaderExpression expression) {
        return switch (expression) {
            case CHANGE_SEQ, OPERATION, STREAM_POSITION -> ColumnType.STRING;
            case COMMIT_TIMESTAMP -> ColumnType.TIMESTAMP;
            case IS_DELETE -> ColumnType.BOOLEAN;
        };
    }

    private static HeaderExpression expression(TableId table, AddColumnRule rule) {
        return HeaderExpression.of(rule.expression())
                .orElseThrow(() -> new LakepipeException(
                        "Cannot capture %s: the emulator does not evaluate expression '%s' of add-column rule %s; use one of %s",
                        table,
                        rule.expression(),
                        rule.ruleName(),
                        Arrays.stream(HeaderExpression.values())
                                .map(HeaderExpression::expression)
                                .toList()));
    }

    private static List<SourceColumn> beforeImageColumns(
            TableId table, AddBeforeImageColumnsRule rule, Optional<Schema> keySchema, DmsTypeMapping types) {
        if (rule.columnFilter() != AddBeforeImageColumnsRule.ColumnFilter.PK_ONLY) {
            throw new LakepipeException(
                    "Cannot capture %s: the emulator supports column-filter pk-only in before-image rule %s, not %s",
                    table, rule.ruleName(), rule.columnFilter().dmsValue());
        }
        return keySchema
                .map(schema -> schema.fields().stream()
                        .map(field -> types.column(table.toString(), field))
                        .toList())
                .orElse(List.of());
    }
}
