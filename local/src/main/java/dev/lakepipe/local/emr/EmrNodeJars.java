package dev.lakepipe.local.emr;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.plan.HudiOnEmr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipFile;

/**
 * The jars an EMR node has at a fixed path but puts on no step's classpath, each mapped to its local copy: a step gets
 * one only by naming it in {@code --jars} or {@code spark.jars}, on EMR as here. The one place that declares them.
 */
public record EmrNodeJars(Map<String, Path> localCopies) {

    /** Each node jar and the file in {@code emr-steps/target} where Maven writes its local copy's path (emr-steps/pom.xml). */
    static final Map<String, String> LOCAL_COPY_FILES = Map.of(HudiOnEmr.SPARK_BUNDLE, "hudi-spark-bundle.txt");

    public EmrNodeJars {
        localCopies = Map.copyOf(localCopies);
    }

    /** The node jars whose local copies {@code emr-steps/target} lists. */
    public static EmrNodeJars in(Path emrStepsTarget) {
        var copies = new TreeMap<String, Path>();
        LOCAL_COPY_FILES.forEach(
                (emrPath, listFile) -> copies.put(emrPath, localCopy(emrStepsTarget.resolve(listFile), emrPath)));
        return new EmrNodeJars(copies);
    }

    /** The local copies of the jars a step names; a jar no EMR node has fails the step, naming the ones it could name. */
    public List<Path> resolve(List<String> jars) {
        var paths = new ArrayList<Path>();
        for (var jar : jars) {
            var copy = localCopies.get(jar);
            if (copy == null) {
                throw new LakepipeException(
                        "Cannot run the step: its jars name %s, which is no jar of an EMR node the local EMR knows; "
                                + "known: %s (declared in %s)",
                        jar, localCopies.keySet(), EmrNodeJars.class.getSimpleName());
            }
            paths.add(copy);
        }
        return paths;
    }

    /** The node jar, other than the {@code requested} ones, that holds this class: where the step could have found it. */
    public Optional<String> holding(String className, Collection<String> requested) {
        var entry = className.replace('.', '/') + ".class";
        return localCopies.entrySet().stream()
                .filter(jar -> !requested.contains(jar.getKey()))
                .filter(jar -> contains(jar.getValue(), entry))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static boolean contains(Path jar, String entry) {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to read %s", jar);
        }
    }

    private static Path localCopy(Path listFile, String emrPath) {
        try {
            var copy = Path.of(Files.readString(listFile).strip());
            if (!Files.isRegularFile(copy)) {
                throw new LakepipeException(
                        "Cannot find %s, the local copy of %s named in %s; run 'make build'", copy, emrPath, listFile);
            }
            return copy;
        } catch (IOException e) {
            throw new LakepipeException(
                    e, "Failed to read %s, which names the local copy of %s; run 'make build'", listFile, emrPath);
        }
    }
}
