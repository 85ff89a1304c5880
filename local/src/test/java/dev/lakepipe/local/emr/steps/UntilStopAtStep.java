package dev.lakepipe.local.emr.steps;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A continuous step in miniature: runs until its {@code --stop-at}, then exits 0, as HudiApplyStep's continuous mode does. */
public final class UntilStopAtStep {

    private UntilStopAtStep() {}

    public static void main(String[] args) throws InterruptedException {
        var arguments = List.of(args);
        var stopAt = Instant.parse(arguments.get(arguments.indexOf("--stop-at") + 1));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopAt).toMillis()));
        System.out.println("stopped at " + stopAt);
    }
}
