package dev.lakepipe.steps.apply;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One DMS CDC file of a table. Files are applied in {@link #ORDER}: by file name (DMS names CDC files
 * {@code yyyyMMdd-HHmmssSSS}, so name order is time order), then by path (date folders).
 */
public record ChangeFile(String path, String relativePath, long length, long modificationTime) {

    public static final Comparator<ChangeFile> ORDER =
            (left, right) -> compareRelativePaths(left.relativePath(), right.relativePath());

    public ChangeFile {
        requireNonNull(path, "path is null");
        requireNonNull(relativePath, "relativePath is null");
    }

    /** The file name, e.g. {@code 20261123-113012345.parquet}. */
    public String name() {
        return nameOf(relativePath);
    }

    /** Application order of a file given by its path relative to the table folder. */
    public static int compareRelativePaths(String left, String right) {
        var byName = nameOf(left).compareTo(nameOf(right));
        return byName != 0 ? byName : left.compareTo(right);
    }

    /** The file name of a path relative to the table folder. */
    static String nameOf(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    /** True when this file comes after the file at {@code relativePath} in application order. */
    public boolean isAfter(String otherRelativePath) {
        return compareRelativePaths(relativePath, otherRelativePath) > 0;
    }
}
