package dev.lakepipe.steps.apply;

import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaReconcilerTest {

    private static final StructType TABLE = schema(
            "o_id", DataTypes.IntegerType,
            "o_amount", DataTypes.createDecimalType(12, 2),
            "o_entry_d", DataTypes.TimestampType,
            "o_qty", DataTypes.IntegerType);
    private final SchemaReconciler reconciler = new SchemaReconciler("public.orders", TABLE, List.of("o_id"));

    @Test
    void keepsTableTypesCastsNarrowerValuesUpAndAddsNewColumnsAsNullable() {
        var batch = schema(
                "Op", DataTypes.StringType,
                "o_id", DataTypes.ShortType,
                "o_amount", DataTypes.createDecimalType(10, 2),
                "o_entry_d", DataTypes.TimestampNTZType,
                "o_qty", DataTypes.LongType,
                "o_note", DataTypes.StringType,
                "BI_o_id", DataTypes.IntegerType);

        var target = reconciler.targetSchema(batch, Set.of("BI_o_id"));

        assertThat(target)
                .isEqualTo(schema(
                        "o_id", DataTypes.IntegerType,
                        "o_amount", DataTypes.createDecimalType(12, 2),
                        "o_entry_d", DataTypes.TimestampType,
                        "o_qty", DataTypes.LongType,
                        "Op", DataTypes.StringType,
                        "o_note", DataTypes.StringType));
        assertThat(reconciler.columns(batch)).hasSize(7);
    }

    @Test
    void fillsAMissingNonKeyColumnWithNull() {
        var batch = schema("o_id", DataTypes.IntegerType);

        assertThat(reconciler.targetSchema(batch, Set.of()).fieldNames())
                .containsExactly("o_id", "o_amount", "o_entry_d", "o_qty");
        assertThat(reconciler.columns(batch).get(1).toString()).isEqualTo("CAST(NULL AS DECIMAL(12,2)) AS o_amount");
    }

    @Test
    void stopsOnADecimalThatDoesNotFit() {
        var batch = schema("o_id", DataTypes.IntegerType, "o_amount", DataTypes.createDecimalType(14, 4));

        assertThatThrownBy(() -> reconciler.columns(batch))
                .isInstanceOf(IncompatibleChangeException.class)
                .hasMessage(
                        "Cannot apply changes to public.orders: column 'o_amount' arrives as decimal(14,4) but the silver table stores "
                                + "decimal(12,2), which cannot hold it without loss; re-create the table with jdbc_load and seed_hudi after the "
                                + "source change (no change file was marked applied)");
    }

    @Test
    void stopsOnATypeChange() {
        var batch = schema("o_id", DataTypes.IntegerType, "o_qty", DataTypes.StringType);

        assertThatThrownBy(() -> reconciler.targetSchema(batch, Set.of()))
                .isInstanceOf(IncompatibleChangeException.class)
                .hasMessageStartingWith(
                        "Cannot apply changes to public.orders: column 'o_qty' arrives as string but the silver table stores int");
    }

    @Test
    void stopsWhenAKeyColumnIsMissing() {
        var batch = schema("o_amount", DataTypes.createDecimalType(12, 2));

        assertThatThrownBy(() -> reconciler.columns(batch))
                .isInstanceOf(IncompatibleChangeException.class)
                .hasMessage(
                        "Cannot apply changes to public.orders: key column 'o_id' is missing from the change files (dropped or renamed "
                                + "in the source); restore the column or re-create the table with jdbc_load and seed_hudi");
    }

    @Test
    void decidesWhatFitsAndWhatWidens() {
        assertThat(SchemaReconciler.fitsInto(DataTypes.ShortType, DataTypes.LongType))
                .isTrue();
        assertThat(SchemaReconciler.fitsInto(DataTypes.LongType, DataTypes.IntegerType))
                .isFalse();
        assertThat(SchemaReconciler.fitsInto(DataTypes.createDecimalType(10, 2), DataTypes.createDecimalType(12, 3)))
                .isTrue();
        assertThat(SchemaReconciler.fitsInto(DataTypes.createDecimalType(12, 3), DataTypes.createDecimalType(12, 2)))
                .isFalse();
        assertThat(SchemaReconciler.fitsInto(DataTypes.FloatType, DataTypes.DoubleType))
                .isTrue();
        assertThat(SchemaReconciler.isPromotion(DataTypes.IntegerType, DataTypes.LongType))
                .isTrue();
        assertThat(SchemaReconciler.isPromotion(DataTypes.LongType, DataTypes.IntegerType))
                .isFalse();
        assertThat(SchemaReconciler.isPromotion(DataTypes.FloatType, DataTypes.DoubleType))
                .isTrue();
    }

    private static StructType schema(Object... namesAndTypes) {
        var schema = new StructType();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            schema = schema.add(createStructField((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1], true));
        }
        return schema;
    }
}
