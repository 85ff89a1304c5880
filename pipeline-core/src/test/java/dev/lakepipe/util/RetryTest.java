package dev.lakepipe.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakepipe.LakepipeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(150), 4);

    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper recording = slept::add;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void callRetriesAcceptedExceptionsWithTheBackoffDelaysThenReturns() throws IOException {
        var calls = new AtomicInteger();
        var retried = new ArrayList<Exception>();

        String result = Retry.with(BACKOFF)
                .sleeper(recording)
                .retryOn(e -> e instanceof IOException)
                .onRetry(retried::add)
                .call(() -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IOException("busy " + calls.get());
                    }
                    return "done";
                });

        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(retried).extracting(Exception::getMessage).containsExactly("busy 1", "busy 2");
        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void callThrowsTheLastExceptionWhenTheAttemptsRunOut() {
        var calls = new AtomicInteger();

        assertThatThrownBy(() -> Retry.with(BACKOFF)
                        .sleeper(recording)
                        .retryOn(e -> true)
                        .call(() -> {
                            throw new IOException("busy " + calls.incrementAndGet());
                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("busy 4");
        assertThat(slept).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void callDoesNotRetryOtherExceptions() {
        var calls = new AtomicInteger();

        assertThatThrownBy(() -> Retry.attempts(5)
                        .sleeper(recording)
                        .retryOn(e -> e instanceof IOException)
                        .call(() -> {
                            calls.incrementAndGet();
                            throw new IllegalStateException("broken");
                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broken");
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void attemptsWithoutBackoffDoNotWait() throws Exception {
        var calls = new AtomicInteger();

        int result = Retry.attempts(3).sleeper(recording).retryOn(e -> true).call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("again");
            }
            return calls.get();
        });

        assertThat(result).isEqualTo(3);
        assertThat(slept).isEmpty();
    }

    @Test
    void untilStopsAtTheFirstAcceptedResult() {
        var calls = new AtomicInteger();

        int result = Retry.with(BACKOFF).sleeper(recording).until(calls::incrementAndGet, n -> n == 2);

        assertThat(result).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void untilReturnsTheLastResultWhenTheAttemptsRunOut() {
        var calls = new AtomicInteger();

        int result = Retry.with(BACKOFF).sleeper(recording).until(calls::incrementAndGet, n -> false);

        assertThat(result).isEqualTo(4);
        assertThat(slept).hasSize(3);
    }

    @Test
    void untilFeedsEachTryThePreviousResult() {
        var tries = new ArrayList<List<String>>();

        var left = Retry.with(BACKOFF)
                .sleeper(recording)
                .until(
                        List.of("a", "b", "c"),
                        pending -> {
                            tries.add(pending);
                            return pending.subList(1, pending.size());
                        },
                        List::isEmpty);

        assertThat(left).isEmpty();
        assertThat(tries).containsExactly(List.of("a", "b", "c"), List.of("b", "c"), List.of("c"));
    }

    @Test
    void anInterruptedWaitKeepsTheInterruptAndNamesTheAction() {
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };

        assertThatThrownBy(() -> Retry.with(BACKOFF)
                        .sleeper(interrupted)
                        .action("write config items to t")
                        .until(() -> 1, n -> false))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Cannot write config items to t: interrupted while waiting to try again");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> Retry.attempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid attempts: 0 (expected 1 or more)");
    }
}
