package dev.lakepipe.steps.describe;

import java.util.List;
import java.util.Locale;

/** Count, total, average and smallest size of a set of data files (bytes). */
public record FileStats(int count, long totalBytes, long smallestBytes) {

    public static FileStats of(List<Long> sizes) {
        return new FileStats(
                sizes.size(),
                sizes.stream().mapToLong(Long::longValue).sum(),
                sizes.stream().mapToLong(Long::longValue).min().orElse(0));
    }

    public long averageBytes() {
        return count == 0 ? 0 : totalBytes / count;
    }

    /** {@code 1536} → {@code 1.5 KB}: binary units, one decimal. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        var units = new String[] {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
