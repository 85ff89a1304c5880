package dev.lakepipe.local.emr.steps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Stands in for a Spark step in orchestration tests: {@code <record file> <planned main class> <planned args...>}
 * appends the planned command as one line to the record file and exits 0, so a chain of system pipelines
 * runs in seconds.
 */
public final class RecordingStep {

    private RecordingStep() {}

    public static void main(String[] args) throws Exception {
        Path record = Path.of(args[0]);
        Files.createDirectories(record.getParent());
        String line = String.join(" ", Arrays.copyOfRange(args, 1, args.length)) + System.lineSeparator();
        Files.writeString(record, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
