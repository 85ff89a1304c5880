package dev.lakepipe.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {

    @TempDir
    Path dir;

    @Test
    void recordsEachDistinctAccessOnceAndReadsThemBack() throws Exception {
        var file = dir.resolve("steps/s-1.jsonl");
        var log = AccessLog.to(file, "silver-profile", "seed_hudi public.orders");

        log.record("s3:GetObject", AwsArns.object("lake-bronze", "full/tpcc/public/orders/part-0.parquet"));
        log.record("s3:GetObject", AwsArns.object("lake-bronze", "full/tpcc/public/orders/part-0.parquet"));
        log.record("s3:ListBucket", AwsArns.bucket("lake-bronze"), Map.of("s3:prefix", "full/tpcc/public/orders/"));
        log.flush();
        log.record("glue:GetDatabase", AwsArns.glueDatabase("default"));
        log.flush();

        assertThat(Files.readAllLines(file)).hasSize(3);
        assertThat(AccessLog.read(dir))
                .extracting(Access::action, Access::resource)
                .containsExactly(
                        Tuple.tuple("s3:GetObject", "arn:aws:s3:::lake-bronze/full/tpcc/public/orders/part-0.parquet"),
                        Tuple.tuple("s3:ListBucket", "arn:aws:s3:::lake-bronze"),
                        Tuple.tuple("glue:GetDatabase", "arn:aws:glue:local:000000000000:database/default"));
        var list = AccessLog.read(file).get(1);
        assertThat(list.context()).containsEntry("s3:prefix", "full/tpcc/public/orders/");
        assertThat(list.step()).isEqualTo("seed_hudi public.orders");
        assertThat(list.principal()).isEqualTo("silver-profile");
        assertThat(list.service()).isEqualTo("s3");
    }

    @Test
    void noneRecordsNothing() {
        AccessLog.NONE.record("s3:GetObject", "arn:aws:s3:::b/k");
        AccessLog.NONE.flush();

        assertThat(AccessLog.NONE.enabled()).isFalse();
    }
}
