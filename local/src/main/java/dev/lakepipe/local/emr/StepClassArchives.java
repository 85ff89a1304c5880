package dev.lakepipe.local.emr;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Class data sharing between step JVMs ({@code -Dlakepipe.step.class-archives=<folder>}, which the tests set): the first
 * step JVM of a command line (main class, classpath and JVM options) that succeeds writes the classes it loaded to an
 * archive when it exits ({@code -XX:ArchiveClassesAtExit}); the later ones map that archive
 * ({@code -XX:SharedArchiveFile}) instead of reading,
 * parsing and verifying Spark's and Hudi's classes from the jars again, a quarter of a short step's CPU. The classes
 * are the same: the JVM checks the archive against the classpath's jars and runs without it when they changed. A
 * performance knob of this machine, like {@link SparkStepProcess#JVM_OPTIONS_PROPERTY}; EMR's spark-submit knows nothing
 * of it.
 */
final class StepClassArchives {

    static final String PROPERTY = "lakepipe.step.class-archives";
    /** The JVM's CDS messages (e.g. a skipped signed jar) would otherwise end up in the step's stdout. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The archives being written by a step JVM of this JVM: one writer per archive. */
    private static final Set<Path> DUMPING = ConcurrentHashMap.newKeySet();

    private final Path folder;

    StepClassArchives(Path folder) {
        this.folder = requireNonNull(folder, "folder is null").toAbsolutePath();
    }

    /** The folder {@link #PROPERTY} names, if set. */
    static Optional<StepClassArchives> configured() {
        var folder = System.getProperty(PROPERTY, "").strip();
        return folder.isEmpty() ? Optional.empty() : Optional.of(new StepClassArchives(Path.of(folder)));
    }

    /**
     * How one step JVM uses the archive of its JVM {@code options}, {@code classpath} and {@code mainClass}. None for a
     * classpath with a folder (test steps are test classes): the JVM refuses to archive classes from one and would not
     * start. A JVM archive holds only the classes its JVM loaded, and one is never extended: the main class is part of
     * the key, so that a verify step, which loads a third of a Hudi writer's classes, does not write the archive the
     * writers then map.
     */
    Use use(List<String> options, String classpath, String mainClass) {
        var entries =
                Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
        if (entries.stream().anyMatch(Files::isDirectory)) {
            return Use.NONE;
        }
        var key =
                key(Stream.of(options.stream(), entries.stream().map(StepClassArchives::version), Stream.of(mainClass))
                        .flatMap(part -> part)
                        .toList());
        var archive = folder.resolve(key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new Use(options("-XX:SharedArchiveFile=" + archive), () -> {}, () -> {});
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create the class archive folder " + folder, e);
        }
        if (!DUMPING.add(archive)) {
            return Use.NONE;
        }
        var written = folder.resolve(key + "." + UUID.randomUUID() + ".tmp");
        return new Use(
                options("-XX:ArchiveClassesAtExit=" + written),
                () -> publish(written, archive),
                () -> abandon(written, archive));
    }

    /** Moves a dumped archive into place; a JVM that halted without dumping leaves it to the next one. */
    private static void publish(Path written, Path archive) {
        try {
            if (Files.isRegularFile(written)) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to publish the class archive " + archive, e);
        } finally {
            DUMPING.remove(archive);
        }
    }

    /**
     * A JVM that failed, and so loaded only some of its kind's classes, or that may have died while writing: the next one
     * dumps again.
     */
    private static void abandon(Path written, Path archive) {
        try {
            Files.deleteIfExists(written);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete the partial class archive " + written, e);
        } finally {
            DUMPING.remove(archive);
        }
    }

    private static List<String> options(String archiveOption) {
        return List.of(archiveOption, QUIET.get(0), QUIET.get(1));
    }

    /** A jar as the JVM checks it against an archive: path, size and modification time (a rebuilt jar, a new archive). */
    private static String version(Path jar) {
        try {
            return jar + " " + Files.size(jar) + " "
                    + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            // A classpath entry that is not there: the JVM skips it, and so does the archive.
            return jar + " absent";
        }
    }

    private static String key(List<String> commandLine) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", commandLine).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The archive options of one step JVM; {@code succeeded} runs once it has exited with 0, {@code failed} when it exited
     * otherwise or was destroyed.
     */
    record Use(List<String> options, Runnable succeeded, Runnable failed) {

        static final Use NONE = new Use(List.of(), () -> {}, () -> {});

        Use {
            options = List.copyOf(options);
            requireNonNull(succeeded, "succeeded is null");
            requireNonNull(failed, "failed is null");
        }
    }
}
