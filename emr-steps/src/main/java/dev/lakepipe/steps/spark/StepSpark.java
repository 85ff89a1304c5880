package dev.lakepipe.steps.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a step: Hudi's serializer and extensions, UTC everywhere. On EMR
 * spark-submit sets the master; a local step JVM (or a test) without {@code spark.master} gets
 * {@code local[*]}. One session per JVM: tests and steps run in-process share it.
 */
public final class StepSpark {

    private StepSpark() {}

    public static SparkSession session(String appName) {
        var conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
            conf.setIfMissing("spark.sql.shuffle.partitions", "4");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.set("spark.kryo.registrator", "org.apache.spark.HoodieSparkKryoRegistrar");
        conf.set("spark.sql.extensions", "org.apache.spark.sql.hudi.HoodieSparkSessionExtension");
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.set("spark.sql.parquet.inferTimestampNTZ.enabled", "false");
        conf.setIfMissing("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
