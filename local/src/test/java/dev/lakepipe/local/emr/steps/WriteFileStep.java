package dev.lakepipe.local.emr.steps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cheap step main class: {@code --config <snapshot> --out <file> [--sleep-ms N]} writes its own arguments
 * and the {@code spark.*} system properties it got to {@code <file>}.
 */
public final class WriteFileStep {

    private WriteFileStep() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        Path out = Path.of(arguments.get(arguments.indexOf("--out") + 1));
        int sleep = arguments.indexOf("--sleep-ms");
        if (sleep >= 0) {
            Thread.sleep(Long.parseLong(arguments.get(sleep + 1)));
        }
        Files.createDirectories(out.getParent());
        String conf = System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("spark."))
                .sorted()
                .map(name -> name + "=" + System.getProperty(name))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(out, String.join(" ", args) + "\n" + conf);
        System.out.println("wrote " + out);
    }
}
