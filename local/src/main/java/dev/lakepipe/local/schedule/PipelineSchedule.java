package dev.lakepipe.local.schedule;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.launcher.LaunchRefusedException;
import dev.lakepipe.launcher.LaunchRequest;
import dev.lakepipe.launcher.LaunchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The EventBridge schedules, locally: each rule launches its pipeline every {@code rate} (first after one
 * period, as {@code rate(...)} does) through the launcher, so a refused launch (still running, invalid
 * configs) is reported and the schedule goes on.
 */
public final class PipelineSchedule {

    /** One rule: launch {@code pipeline} every {@code rate}. */
    public record Rule(String pipeline, Duration rate) {
        public Rule {
            requireNonNull(pipeline, "pipeline is null");
            requireNonNull(rate, "rate is null");
            if (rate.isZero() || rate.isNegative()) {
                throw new LakepipeException(
                        "Invalid schedule rate for %s: %s; use a positive duration, e.g. 2h", pipeline, rate);
            }
        }
    }

    private final String identifier;
    private final List<Rule> rules;
    private final Function<LaunchRequest, LaunchResult> launcher;
    private final Consumer<String> report;
    private final List<LaunchResult> launched = Collections.synchronizedList(new ArrayList<>());

    public PipelineSchedule(
            String identifier,
            List<Rule> rules,
            Function<LaunchRequest, LaunchResult> launcher,
            Consumer<String> report) {
        this.identifier = requireNonNull(identifier, "identifier is null");
        this.rules = List.copyOf(rules);
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.report = requireNonNull(report, "report is null");
        if (this.rules.isEmpty()) {
            throw new LakepipeException(
                    "Invalid schedule for %s: no rule; give at least one pipeline rate", identifier);
        }
    }

    /** Fires the rules until {@code duration} has passed (forever when empty) or the thread is interrupted. */
    public List<LaunchResult> run(Optional<Duration> duration) throws InterruptedException {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "lakepipe-schedule");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Rule rule : rules) {
                long period = rule.rate().toMillis();
                timer.scheduleAtFixedRate(() -> fire(rule), period, period, TimeUnit.MILLISECONDS);
                report.accept("rule " + identifier + " " + rule.pipeline() + ": rate(" + rule.rate() + ")");
            }
            if (duration.isPresent()) {
                Thread.sleep(duration.get().toMillis());
            } else {
                new CountDownLatch(1).await();
            }
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
        return List.copyOf(launched);
    }

    private void fire(Rule rule) {
        try {
            LaunchResult result = launcher.apply(LaunchRequest.of(identifier, rule.pipeline()));
            launched.add(result);
            report.accept("launched " + result.executionName());
        } catch (LaunchRefusedException e) {
            report.accept("refused " + identifier + " " + rule.pipeline() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            report.accept("failed to launch " + identifier + " " + rule.pipeline() + ": " + e.getMessage());
        }
    }
}
