package dev.lakepipe.dms.emulator;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code java -cp ... dev.lakepipe.dms.emulator.DmsEmulatorMain <options.json>}: one emulator in the foreground until SIGTERM. */
public final class DmsEmulatorMain {
    private DmsEmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: DmsEmulatorMain <emulator options JSON file>");
            System.exit(2);
        }
        var out = new PrintWriter(System.out, true);
        System.exit(EmulatorProcess.runForeground(EmulatorOptions.read(Path.of(args[0])), out));
    }
}
