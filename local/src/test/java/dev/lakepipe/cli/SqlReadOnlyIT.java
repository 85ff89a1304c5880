package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakepipe sql --engine spark} through the CLI and its Spark JVM refuses the write of issue 17 (INSERT OVERWRITE DIRECTORY onto a
 * table's folder) and leaves the folder as it was; the statement kinds one by one: emr-steps ReadOnlyStatementIT.
 */
class SqlReadOnlyIT {

    @TempDir
    Path home;

    @Test
    void refusesToOverwriteATableFolderAndLeavesItReadable() throws IOException {
        var table = home.resolve("s3/lakepipe-silver/tpcc_lake/tpcc_public_district");
        Files.createDirectories(table.resolve(".hoodie"));
        Files.writeString(table.resolve(".hoodie/hoodie.properties"), "hoodie.table.name=tpcc_public_district\n");
        Files.writeString(table.resolve("part-0.json"), "{\"d_id\":1,\"d_w_id\":1}\n{\"d_id\":2,\"d_w_id\":1}\n");
        Files.createDirectories(home.resolve("catalog/tpcc_lake"));
        Files.writeString(home.resolve("catalog/tpcc_lake/tpcc_public_district.json"), """
                {"database":"tpcc_lake","table":"tpcc_public_district","location":"%s","format":"json"}
                """.formatted(table.toUri()));
        var before = files(table);

        var write = CliDriver.run(
                "sql",
                "--engine",
                "spark",
                "--home",
                home.toString(),
                "insert overwrite directory 'file://" + table + "' using parquet select 1 as x");
        var read = CliDriver.run(
                "sql",
                "--engine",
                "spark",
                "--home",
                home.toString(),
                "--format",
                "csv",
                "select count(*) from tpcc_lake.tpcc_public_district");

        assertThat(write.exitCode()).as(write.toString()).isEqualTo(1);
        assertThat(write.err())
                .as(write.toString())
                .contains("Error: Invalid query: InsertIntoDir statements are not allowed;"
                        + " lakepipe sql only reads the catalog tables (SELECT, WITH, VALUES, SHOW, DESCRIBE, EXPLAIN);"
                        + " the lake is written by its pipelines only ('lakepipe run <pipeline>')");
        assertThat(files(table)).isEqualTo(before);
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.out()).isEqualTo("count(1)\n2\n");
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(file -> root.relativize(file) + " " + file.toFile().length())
                    .sorted()
                    .toList();
        }
    }
}
