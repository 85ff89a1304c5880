package dev.lakepipe.dms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.dms.CompressionType;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.dms.DmsCdcTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV option: DMS's CSV rows (no header, RFC 4180 quoting, empty NULL), gzip-compressed {@code .csv.gz} files. */
class CsvEmulatorIT {
    @TempDir
    Path directory;

    @Test
    void writesDmsCsvRows() throws Exception {
        try (var source = TestSource.start(directory.resolve("source"))) {
            source.transaction(
                    "create table notes (id int primary key, body text, amount numeric(6,2), at timestamp, ok boolean)");
            var task = DmsCdcTask.lakepipe("postgres", List.of("public"));
            var settings = task.s3Settings().toBuilder()
                    .dataFormat(DataFormat.CSV)
                    .compressionType(CompressionType.GZIP)
                    .cdcMaxBatchIntervalSeconds(1)
                    .build();
            try (var emulator = DmsEmulator.builder()
                    .task(task.withS3Settings(settings))
                    .source(source.connection())
                    .bronzeRoot(directory.resolve("bronze"))
                    .stateDirectory(directory.resolve("cdc"))
                    .build()) {
                emulator.start();
                source.transaction(
                        "insert into notes values (1, 'say \"hi\", then\nleave', 1.50, '2024-01-15 09:30:12.5', true)",
                        "insert into notes values (2, null, null, null, null)");
                source.transaction("delete from notes where id = 2");

                var folder = directory.resolve("bronze/incremental/postgres/public/notes");
                var records = Await.until(
                        () -> ChangeFileReader.csvRecords(folder, settings),
                        found -> found.size() >= 3,
                        Duration.ofSeconds(60));

                assertThat(ChangeFileReader.files(folder))
                        .allMatch(file -> file.getFileName().toString().matches("\\d{8}-\\d{9}\\.csv\\.gz"));
                assertThat(records.get(0).subList(0, 6))
                        .containsExactly(
                                "I", "1", "say \"hi\", then\nleave", "1.50", "2024-01-15 09:30:12.500000", "true");
                assertThat(records.get(0).get(6)).matches("\\d{35}");
                assertThat(records.get(0).subList(7, 9)).containsExactly("false", "");
                assertThat(records.get(1))
                        .containsExactly(
                                "I", "2", "", "", "", "", records.get(1).get(6), "false", "");
                assertThat(records.get(2))
                        .containsExactly(
                                "D", "2", "", "", "", "", records.get(2).get(6), "true", "");
            }
        }
    }
}
