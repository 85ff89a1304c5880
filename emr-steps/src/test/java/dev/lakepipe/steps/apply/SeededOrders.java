package dev.lakepipe.steps.apply;

import static dev.lakepipe.steps.apply.DmsFixture.change;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import dev.lakepipe.steps.hudi.HudiTable;
import dev.lakepipe.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The seeded orders table the apply tests start from: {@code public.orders} of source database {@code tpcc} holding the
 * four full-load rows {@link #rows()}, as seed_hudi leaves it (one bulk insert). By default its silver table is
 * {@code tpcc.lake_public_orders}, key {@code o_id}, partitioned by {@code o_w_id}, copy-on-write unless asked for merge-on-read, ordered by
 * {@code trx_seq}; {@link #copyTo} takes another layout, e.g. the one a snapshot gives. Seeding runs once per JVM and
 * layout, into a template; every test gets its own byte-for-byte copy under its own lake folder (a Hudi table is its
 * files and stores its base path nowhere, so a copy is the same table at another path).
 */
public final class SeededOrders {

    /** The source columns: what jdbc_load exports and DMS writes after {@code Op}. */
    public static final StructType COLUMNS = DataTypes.createStructType(List.of(
            createStructField("o_id", DataTypes.IntegerType, true),
            createStructField("o_w_id", DataTypes.IntegerType, true),
            createStructField("o_c_id", DataTypes.IntegerType, true),
            createStructField("o_amount", DataTypes.createDecimalType(12, 2), true),
            createStructField("o_entry_d", DataTypes.TimestampType, true)));

    public static final String SOURCE_DATABASE = "tpcc";
    public static final String TABLE = "public.orders";
    /** The silver table's database and name, as {@code target_db_name} tpcc and {@code target_table_prefix} lake give. */
    public static final String HUDI_DATABASE = "tpcc";

    public static final String HUDI_NAME = "lake_public_orders";
    /** Entry time of every seeded row. */
    public static final Timestamp T0 = Timestamp.valueOf("2026-11-23 11:00:00");
    /** The trx_seq counter of the full-load rows ({@link DmsFixture#seq}); every change of a test comes later. */
    public static final long FULL_LOAD_SEQ = 100;

    private static final Map<HudiTable, Path> TEMPLATES = new HashMap<>();

    private SeededOrders() {}

    /** Rows {@code o_id} 1..4, warehouse 1, customer {@code 10 * o_id}, amount {@code o_id.00}, as change rows ({@code Op} I). */
    public static List<Object[]> rows() {
        var rows = new ArrayList<Object[]>();
        for (int id = 1; id <= 4; id++) {
            rows.add(change("I", FULL_LOAD_SEQ, id, 1, id * 10, new BigDecimal(id + ".00"), T0));
        }
        return rows;
    }

    /**
     * The seeded table in {@code lake}: silver {@code <lake>/silver/tpcc/lake_public_orders}, change files in
     * {@code <lake>/bronze/incremental/tpcc/public/orders}.
     */
    public static ApplyTable in(SparkSession spark, Path lake) {
        return in(spark, lake, HudiTable.TableType.COPY_ON_WRITE);
    }

    /** The seeded table in {@code lake} as {@link #in(SparkSession, Path)}, of {@code type}. */
    public static ApplyTable in(SparkSession spark, Path lake, HudiTable.TableType type) {
        var silver = lake.resolve("silver").toUri().toString();
        var table = new ApplyTable(
                TABLE,
                lake.resolve("bronze/incremental/" + SOURCE_DATABASE + "/" + TABLE.replace('.', '/'))
                        .toUri()
                        .toString(),
                hudiTable(HudiTable.basePath(silver, HUDI_DATABASE, HUDI_NAME), type));
        return copyTo(spark, table);
    }

    /**
     * Puts the seeded table at {@code table}'s base path, in {@code table}'s Hudi layout (e.g. a table resolved from a
     * snapshot); returns {@code table}.
     */
    public static ApplyTable copyTo(SparkSession spark, ApplyTable table) {
        copy(template(spark, table.hudi()), Path.of(URI.create(table.basePath())));
        return table;
    }

    /** The change files of {@code table}, with {@link #COLUMNS}. */
    public static DmsFixture changes(SparkSession spark, ApplyTable table) {
        return new DmsFixture(spark, Path.of(URI.create(table.changeFolder())), COLUMNS);
    }

    private static HudiTable hudiTable(String basePath, HudiTable.TableType type) {
        return new HudiTable(
                HUDI_DATABASE,
                HUDI_NAME,
                basePath,
                List.of("o_id"),
                List.of("o_w_id"),
                type,
                "trx_seq",
                Optional.empty());
    }

    private static synchronized Path template(SparkSession spark, HudiTable layout) {
        var key = withBasePath(layout, "");
        var template = TEMPLATES.get(key);
        if (template == null) {
            try {
                var lake = Files.createTempDirectory("seeded-orders");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteRecursively(lake)));
                var base = lake.resolve(layout.database()).resolve(layout.name());
                var table = new ApplyTable(
                        TABLE,
                        lake.resolve("bronze").toUri().toString(),
                        withBasePath(layout, base.toUri().toString()));
                DmsFixture.seed(spark, table, changes(spark, table).changeSchema(), rows());
                template = base;
                TEMPLATES.put(key, template);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    private static HudiTable withBasePath(HudiTable table, String basePath) {
        return new HudiTable(
                table.database(),
                table.name(),
                basePath,
                table.recordKeys(),
                table.partitionFields(),
                table.tableType(),
                table.orderingField(),
                table.partitionExtractorClass(),
                table.index());
    }

    /** Copies the folder {@code from} to {@code to}, byte for byte. */
    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (var file : files.toList()) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy " + from + " to " + to, e);
        }
    }
}
