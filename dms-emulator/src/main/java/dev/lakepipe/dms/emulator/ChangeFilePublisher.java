package dev.lakepipe.dms.emulator;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.dms.DataFormat;
import dev.lakepipe.dms.DmsKeyLayout;
import dev.lakepipe.dms.DmsS3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts change files under the bronze root exactly where DMS would, so that a reader never sees a
 * partial file: the file is written under a {@code .}-prefixed temporary name in its final folder,
 * forced to disk, renamed atomically, and the folder is forced too. CDC file names are
 * {@code yyyyMMdd-HHmmssSSS} of the publish time and strictly increase per table.
 */
final class ChangeFilePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFilePublisher.class);
    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".inprogress";

    private final Path bronzeRoot;
    private final DmsS3Settings settings;
    private final DmsKeyLayout keys;
    private final ChangeFileFormat format;
    private final Clock clock;

    ChangeFilePublisher(Path bronzeRoot, DmsS3Settings settings, Clock clock) {
        this.bronzeRoot = requireNonNull(bronzeRoot, "bronzeRoot is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.keys = new DmsKeyLayout(settings);
        this.format = settings.dataFormat() == DataFormat.PARQUET
                ? new ParquetChangeFileFormat(settings)
                : new CsvChangeFileFormat(settings);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Pays the writer's start-up cost now (see {@link ParquetChangeFileFormat#warmUp}). */
    void warmUp(Path scratchDirectory) {
        if (format instanceof ParquetChangeFileFormat parquet) {
            try {
                parquet.warmUp(scratchDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to write a parquet file in " + scratchDirectory, e);
            }
        }
    }

    /** What is already published for a table: its newest CDC file and the highest change position in it. */
    record Published(Optional<Path> newestFile, OptionalLong maxPosition) {}

    /**
     * Reads the newest published CDC file of a table (names sort in time order, whatever the date
     * folders) and removes temporary files a crash left behind. An unreadable file (0 bytes, garbage,
     * dropped in by hand) must not stop capture for every table: its position is taken from the
     * newest readable file instead, so changes after that are published again (never fewer), and
     * new files still sort after it. The apply job refuses the unreadable file, naming it.
     */
    Published published(TableId table, int trailingColumnsAfterSequence) {
        var folder = bronzeRoot.resolve(keys.tableFolder(table.schema(), table.table()));
        if (!Files.isDirectory(folder)) {
            return new Published(Optional.empty(), OptionalLong.empty());
        }
        try (Stream<Path> files = Files.walk(folder)) {
            var all = files.filter(Files::isRegularFile).toList();
            for (var file : all) {
                var name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                }
            }
            var newestFirst = all.stream()
                    .filter(file -> keys.isCdcFileName(file.getFileName().toString()))
                    .sorted(Comparator.comparing(
                                    (Path file) -> file.getFileName().toString())
                            .reversed())
                    .toList();
            if (newestFirst.isEmpty()) {
                return new Published(Optional.empty(), OptionalLong.empty());
            }
            return new Published(
                    Optional.of(newestFirst.get(0)),
                    newestReadablePosition(table, newestFirst, trailingColumnsAfterSequence));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Failed to read the published change files of " + table + " under " + folder, e);
        }
    }

    private OptionalLong newestReadablePosition(
            TableId table, List<Path> newestFirst, int trailingColumnsAfterSequence) {
        for (var file : newestFirst) {
            try {
                return format.maxPosition(file, trailingColumnsAfterSequence);
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Unreadable change file {} of {} ({}): capture of the table continues after the newest readable file;"
                                + " move the file out of the folder (the apply job refuses it)",
                        file,
                        table,
                        e.getMessage());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Writes and publishes one change file; returns its path. {@code after} is the newest file of the
     * table so far: the new name is later than it even if the clock did not move.
     */
    Path publish(TableLayout layout, List<Object[]> rows, long maxPosition, Optional<Path> after) {
        var time = fileTime(after);
        var table = layout.table();
        var target = bronzeRoot.resolve(keys.cdcFileKey(table.schema(), table.table(), time));
        var temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + TEMP_SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(temp);
            format.write(temp, layout, rows, maxPosition);
            force(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new LakepipeException(
                        e,
                        "Cannot publish %s atomically: the bronze folder's file system cannot rename atomically",
                        target);
            }
            force(target.getParent());
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("Failed to write change file " + target + " of " + table, e);
        }
    }

    private Instant fileTime(Optional<Path> after) {
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (after.isEmpty()) {
            return now;
        }
        var name = after.get().getFileName().toString();
        var previous = LocalDateTime.parse(name.substring(0, 18), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS"))
                .atZone(settings.zone())
                .toInstant();
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }

    private static void force(Path path) throws IOException {
        var options = Files.isDirectory(path)
                ? new StandardOpenOption[] {StandardOpenOption.READ}
                : new StandardOpenOption[] {StandardOpenOption.WRITE};
        try (var channel = FileChannel.open(path, options)) {
            channel.force(true);
        }
    }
}
