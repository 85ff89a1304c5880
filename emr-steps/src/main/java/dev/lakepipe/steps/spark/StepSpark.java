package dev.lakepipe.steps.spark;

import dev.lakepipe.plan.HudiOnEmr;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a step, UTC everywhere. On EMR spark-submit sets the master; a local step JVM (or a test)
 * without {@code spark.master} gets {@code local[*]}. One session per JVM: tests and steps run in-process share it.
 * Only {@link #hudiSession} touches Hudi: jdbc_load runs without the Hudi bundle on its classpath, as on EMR.
 */
public final class StepSpark {

    private StepSpark() {}

    /** A session without Hudi (jdbc_load). */
    public static SparkSession session(String appName) {
        return SparkSession.builder().config(conf(appName)).getOrCreate();
    }

    /**
     * The session of a system step over these tables: with Hudi unless jdbc_load. The tables of a step group share it
     * under Spark's FAIR scheduler ({@code spark.scheduler.mode}, unless spark-submit set it), each table in a pool of
     * its own ({@code TableGroupRun}).
     */
    public static SparkSession tablesSession(String appName, boolean hudi, int tables) {
        var conf = conf(appName);
        if (hudi) {
            HudiOnEmr.SPARK_CONF.forEach(conf::setIfMissing);
        }
        if (tables > 1) {
            conf.setIfMissing("spark.scheduler.mode", "FAIR");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * A session that reads and writes Hudi tables: EMR's Hudi properties ({@link HudiOnEmr#SPARK_CONF}) unless spark-submit
     * set them. The step also needs the Hudi bundle on its classpath, which only {@code --jars} brings (the planner adds it).
     */
    public static SparkSession hudiSession(String appName) {
        return tablesSession(appName, true, 1);
    }

    private static SparkConf conf(String appName) {
        var conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.set("spark.sql.parquet.inferTimestampNTZ.enabled", "false");
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        return conf;
    }
}
