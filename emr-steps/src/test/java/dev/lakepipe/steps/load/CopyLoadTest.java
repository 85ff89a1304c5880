package dev.lakepipe.steps.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.steps.load.CopyPartitionWriter.WrittenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyLoadTest {

    @TempDir
    Path dir;

    @Test
    void theCommitKeepsTheReportedFilesAndUnderscoreFilesOnly() throws IOException {
        for (var name : List.of("part-00000-load-a0.snappy.parquet", "part-00001-load-a0.snappy.parquet",
                "part-00001-load-a1.snappy.parquet", "_lakepipe_handoff.json")) {
            Files.writeString(dir.resolve(name), "x");
        }
        var committed = List.of(new WrittenFile(dir.resolve("part-00000-load-a0.snappy.parquet").toUri().toString(), 3),
                new WrittenFile(dir.resolve("part-00001-load-a1.snappy.parquet").toUri().toString(), 4));

        CopyLoad.deleteUncommitted(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()), committed);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("part-00000-load-a0.snappy.parquet", "part-00001-load-a1.snappy.parquet", "_lakepipe_handoff.json");
        }
    }
}
