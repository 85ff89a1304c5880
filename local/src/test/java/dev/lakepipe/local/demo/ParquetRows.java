package dev.lakepipe.local.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** A small parquet file's rows, rewritten in place with parquet's example reader and writer. */
final class ParquetRows {

    private ParquetRows() {}

    /** Rewrites {@code file} with {@code change} applied to its rows, keeping its schema and footer metadata. */
    static void rewrite(File file, UnaryOperator<List<Group>> change) {
        var conf = new Configuration();
        var path = new Path(file.toURI());
        try {
            var rows = new ArrayList<Group>();
            try (var reader = ParquetReader.builder(new GroupReadSupport(), path)
                    .withConf(conf)
                    .build()) {
                for (var row = reader.read(); row != null; row = reader.read()) {
                    rows.add(row);
                }
            }
            FileMetaData footer;
            try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
                footer = reader.getFooter().getFileMetaData();
            }
            // Written aside and copied over, so the table's folder gets no checksum file of Hadoop's.
            var folder = Files.createTempDirectory("parquet-rows");
            var temp = folder.resolve(file.getName());
            try (var writer = ExampleParquetWriter.builder(new Path(temp.toUri()))
                    .withConf(conf)
                    .withType(footer.getSchema())
                    .withExtraMetaData(footer.getKeyValueMetaData())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (var row : change.apply(rows)) {
                    writer.write(row);
                }
            }
            Files.move(temp, file.toPath(), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(folder.resolve("." + file.getName() + ".crc"));
            Files.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to rewrite " + file, e);
        }
    }
}
