package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.util.Sleeper;
import java.time.Clock;
import java.util.concurrent.ExecutorService;

/** What every interpreter of one engine shares: integrations, worker threads, time. */
record Engine(
        TaskIntegrations integrations,
        ExecutorService workers,
        Clock clock,
        Sleeper sleeper,
        Timer timer,
        String region) {

    Engine {
        requireNonNull(integrations, "integrations is null");
        requireNonNull(workers, "workers is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(sleeper, "sleeper is null");
        requireNonNull(timer, "timer is null");
        requireNonNull(region, "region is null");
    }
}
