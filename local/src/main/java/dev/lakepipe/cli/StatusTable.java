package dev.lakepipe.cli;

import dev.lakepipe.dms.emulator.EmulatorStatus;
import dev.lakepipe.metrics.TableLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code lakepipe status}'s table: per table the figures its apply step last published, freshness brought to now (the
 * newest applied change's commit is {@code freshness} before the publish), and the capture lag the DMS emulator reports.
 */
final class StatusTable {

    private static final String FORMAT = "%-12s %-28s %10s %10s %8s %10s %10s %10s %10s%n";

    private StatusTable() {}

    static String render(List<TableLag> tables, Optional<EmulatorStatus> capture, Instant now) {
        Map<String, EmulatorStatus.TableStatus> captured = capture.map(status -> status.tables().stream()
                        .collect(Collectors.toMap(
                                EmulatorStatus.TableStatus::table, Function.identity(), (first, second) -> second)))
                .orElse(Map.of());
        var text = new StringBuilder(String.format(
                FORMAT,
                "IDENTIFIER",
                "TABLE",
                "FRESHNESS",
                "BEHIND CDC",
                "PENDING",
                "PENDING B",
                "SLOT WAL",
                "CDC LAG",
                "PUBLISHED"));
        for (var table : tables) {
            var age = Duration.between(table.at(), now);
            text.append(String.format(
                    FORMAT,
                    table.identifier(),
                    table.table(),
                    table.freshnessSeconds()
                            .map(seconds -> duration(seconds + age.toMillis() / 1000.0))
                            .orElse("-"),
                    table.secondsBehindCapture().map(StatusTable::duration).orElse("-"),
                    table.pendingFiles(),
                    bytes(table.pendingBytes()),
                    table.slotRetainedWalBytes().map(StatusTable::bytes).orElse("-"),
                    Optional.ofNullable(captured.get(table.table()))
                            .map(status -> duration(status.lagSeconds()))
                            .orElse("-"),
                    duration(Math.max(0, age.toMillis() / 1000.0)) + " ago"));
        }
        return text.toString();
    }

    /** {@code 42.0s}, {@code 12m05s}, {@code 3h07m}. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format("%.1fs", seconds);
        }
        var whole = (long) seconds;
        if (whole < 3600) {
            return String.format("%dm%02ds", whole / 60, whole % 60);
        }
        return String.format("%dh%02dm", whole / 3600, whole / 60 % 60);
    }

    /** {@code 512 B}, {@code 4.0 KiB}, {@code 1.5 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        var units = "KMGTPE";
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %siB", value, units.charAt(unit));
    }
}
