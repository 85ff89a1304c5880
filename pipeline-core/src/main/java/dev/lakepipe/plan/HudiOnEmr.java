package dev.lakepipe.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a step gets Hudi on EMR: EMR installs the Hudi Spark bundle at {@link #SPARK_BUNDLE} but puts it on no step's
 * classpath, so a Hudi step names it in {@code --jars} and sets the Spark properties of EMR's Hudi guide (Release Guide,
 * "Work with a Hudi dataset", EMR 6.7 and later). emr-steps has Hudi as a {@code provided} dependency: nothing else
 * brings it. The local EMR maps {@link #SPARK_BUNDLE} to its local copy.
 */
public final class HudiOnEmr {

    public static final String SPARK_BUNDLE = "/usr/lib/hudi/hudi-spark-bundle.jar";
    public static final String SPARK_JARS = "spark.jars";

    /** The guide's properties: Kryo with Hudi's registrator, Hudi's session extension and catalog. */
    public static final Map<String, String> SPARK_CONF = Map.of(
            "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
            "spark.kryo.registrator", "org.apache.spark.HoodieSparkKryoRegistrar",
            "spark.sql.extensions", "org.apache.spark.sql.hudi.HoodieSparkSessionExtension",
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.hudi.catalog.HoodieCatalog");

    /**
     * Partition values × partition fields that Hudi's Hive sync names one by one in its Glue partition expression: 40
     * terms of up to 50 characters stay under the 2,048 Glue accepts (measured with Hudi 0.15's generator: 50 one-field
     * int partitions 844 characters, 100 of them 1,694, 100 date strings 2,294). Above it Hudi asks for the range between
     * the smallest and largest value.
     */
    public static final int GLUE_SYNC_PUSHDOWN_MAX_TERMS = 40;

    /**
     * The Hive sync after each commit reads the partitions that the commits since the table's
     * {@code last_commit_time_sync} wrote from their commit metadata (docs/operations.md, "Glue sync").
     */
    public static final Map<String, String> GLUE_SYNC_INCREMENTAL = Map.of("hoodie.meta.sync.incremental", "true");

    /**
     * Asks Glue for just those partitions, where Hudi's default lists every partition of the table from Glue on every
     * commit. Hudi 0.15 can push down only int, bigint, string and date partition columns (it fails the sync on any
     * other type), so a writer adds these only for such tables.
     */
    public static final Map<String, String> GLUE_SYNC_PUSHDOWN = Map.of(
            "hoodie.datasource.hive_sync.filter_pushdown_enabled",
            "true",
            "hoodie.datasource.hive_sync.filter_pushdown_max_size",
            Integer.toString(GLUE_SYNC_PUSHDOWN_MAX_TERMS));

    private HudiOnEmr() {}

    /**
     * {@code --jars <bundle>[,<the step's own spark.jars>] --conf k=v ...} of a Hudi step: the guide's properties
     * overridden by the step's {@code sparkConf}, sorted by key. A {@code spark.jars} of the step joins {@code --jars}
     * (spark-submit ignores {@code spark.jars} when {@code --jars} is given).
     */
    static List<String> sparkSubmitOptions(Map<String, String> sparkConf) {
        var conf = new TreeMap<>(SPARK_CONF);
        conf.putAll(sparkConf);
        var jars = SPARK_BUNDLE;
        var ownJars = conf.remove(SPARK_JARS);
        if (ownJars != null && !ownJars.isBlank()) {
            jars += "," + ownJars;
        }
        var options = new ArrayList<String>(List.of("--jars", jars));
        options.addAll(confOptions(conf));
        return options;
    }

    /** {@code --conf k=v} for each pair, in the map's order. */
    static List<String> confOptions(Map<String, String> sparkConf) {
        var options = new ArrayList<String>();
        sparkConf.forEach((key, value) -> {
            options.add("--conf");
            options.add(key + "=" + value);
        });
        return options;
    }
}
