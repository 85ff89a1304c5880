package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the DMS CDC files of one table folder, recursively (date partition folders), classifying each file
 * by its name, never by its depth: {@code .}/{@code _}-prefixed names are files still being written (or
 * Hadoop/S3 markers) and are skipped; {@code LOAD*} files belong to a DMS full load, which lakepipe takes
 * with jdbc_load instead, and are skipped with a warning; anything else that is not a CDC file name stops
 * the table.
 */
public final class ChangeFileLister {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFileLister.class);
    private static final Pattern CDC_FILE = Pattern.compile("\\d{8}-\\d{6,}\\.parquet");
    private static final Pattern CSV_CDC_FILE = Pattern.compile("\\d{8}-\\d{6,}\\.csv(\\.gz)?");
    private static final Pattern LOAD_FILE = Pattern.compile("LOAD[0-9A-F]{8}\\.(parquet|csv(\\.gz)?)");

    private final Configuration hadoopConf;

    public ChangeFileLister(Configuration hadoopConf) {
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    }

    /** The CDC files under {@code folder} in application order; empty when the folder does not exist yet. */
    public List<ChangeFile> list(String folder) {
        requireNonNull(folder, "folder is null");
        var root = new Path(folder);
        var files = new ArrayList<ChangeFile>();
        try {
            var fs = root.getFileSystem(hadoopConf);
            if (!fs.exists(root)) {
                return List.of();
            }
            collect(fs, root, "", files);
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list change files under " + folder, e);
        }
        files.sort(ChangeFile.ORDER);
        return List.copyOf(files);
    }

    /** The CDC files under {@code folder} not covered by {@code checkpoint} (all of them without one), in application order. */
    public List<ChangeFile> pending(String folder, Optional<ApplyCheckpoint> checkpoint) {
        requireNonNull(checkpoint, "checkpoint is null");
        return notCovered(list(folder), checkpoint);
    }

    /** The files of {@code listed} that {@code checkpoint} does not cover (all of them without one), late ones included. */
    static List<ChangeFile> notCovered(List<ChangeFile> listed, Optional<ApplyCheckpoint> checkpoint) {
        return listed.stream()
                .filter(file -> checkpoint.map(applied -> !applied.covers(file)).orElse(true))
                .toList();
    }

    private void collect(FileSystem fs, Path dir, String prefix, List<ChangeFile> out) throws IOException {
        for (FileStatus status : fs.listStatus(dir)) {
            var name = status.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (status.isDirectory()) {
                collect(fs, status.getPath(), prefix + name + "/", out);
            } else if (CDC_FILE.matcher(name).matches()) {
                out.add(new ChangeFile(
                        status.getPath().toString(), prefix + name, status.getLen(), status.getModificationTime()));
            } else if (LOAD_FILE.matcher(name).matches()) {
                LOG.warn(
                        "Skipping DMS full-load file {}: lakepipe takes the full load with jdbc_load",
                        status.getPath());
            } else if (CSV_CDC_FILE.matcher(name).matches()) {
                throw new LakepipeException(
                        "Cannot apply change file %s: CSV change files are not supported; set the DMS S3 target to DataFormat=parquet",
                        status.getPath());
            } else {
                throw new LakepipeException(
                        "Invalid change file name: %s; expected a DMS CDC file yyyyMMdd-HHmmssSSS.parquet (move the file out of the table folder)",
                        status.getPath());
            }
        }
    }
}
