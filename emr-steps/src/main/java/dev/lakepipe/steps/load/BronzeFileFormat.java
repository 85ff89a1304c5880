package dev.lakepipe.steps.load;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.steps.source.BronzeSchema;
import dev.lakepipe.steps.source.PgColumn;
import dev.lakepipe.steps.spark.HadoopConf;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * What every bronze file of one COPY load shares: the parquet schema (as text: parquet's schema
 * objects are not serializable), the constant columns ({@code Op='I'}, the load's {@code trx_seq}),
 * the settings, the footer metadata Spark writes, and the Hadoop configuration of the file system.
 *
 * <p>The schema is the one Spark's parquet writer derives from the bronze Spark schema, except that
 * the columns that cannot be null (the constant columns, {@code _hoodie_is_deleted} and the source's
 * NOT NULL columns) are {@code required}, which spares every value its definition level. Spark reads
 * them with the same types, as nullable columns like any file source.
 */
record BronzeFileFormat(
        String parquetSchema,
        Map<String, String> constants,
        BronzeParquetSettings settings,
        Map<String, String> footer,
        HadoopConf conf)
        implements Serializable {

    BronzeFileFormat {
        requireNonNull(parquetSchema, "parquetSchema is null");
        constants = Map.copyOf(constants);
        requireNonNull(settings, "settings is null");
        footer = Map.copyOf(footer);
        requireNonNull(conf, "conf is null");
    }

    /** {@code sparkParquetSchema}: Spark's conversion of {@code schema.sparkSchema()}, every column optional. */
    static BronzeFileFormat of(
            BronzeSchema schema,
            String trxSeq,
            MessageType sparkParquetSchema,
            BronzeParquetSettings settings,
            Map<String, String> footer,
            HadoopConf conf) {
        var required = new HashSet<>(Set.of(BronzeSchema.OP, BronzeSchema.TRX_SEQ, BronzeSchema.IS_DELETED));
        schema.table().columns().stream()
                .filter(column -> !column.nullable())
                .map(PgColumn::name)
                .forEach(required::add);
        var fields = sparkParquetSchema.getFields().stream()
                .map(field -> required.contains(field.getName()) ? required(field.asPrimitiveType()) : field)
                .toList();
        var constants = Map.of(BronzeSchema.OP, "I", BronzeSchema.TRX_SEQ, trxSeq);
        return new BronzeFileFormat(
                new MessageType(sparkParquetSchema.getName(), fields).toString(), constants, settings, footer, conf);
    }

    BronzeParquetFile create(Path file) throws IOException {
        var values = new HashMap<String, Binary>();
        constants.forEach((name, value) -> values.put(name, Binary.fromString(value)));
        return new BronzeParquetFile(
                conf.get(), file, MessageTypeParser.parseMessageType(parquetSchema), values, settings, footer);
    }

    private static Type required(PrimitiveType type) {
        var builder = Types.primitive(type.getPrimitiveTypeName(), Type.Repetition.REQUIRED)
                .as(type.getLogicalTypeAnnotation());
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            builder = builder.length(type.getTypeLength());
        }
        return builder.named(type.getName());
    }
}
