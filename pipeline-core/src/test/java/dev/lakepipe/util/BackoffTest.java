package dev.lakepipe.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void backoffDoublesUpToTheCap() {
        var backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(300), 5);

        assertThat(List.of(backoff.delay(0), backoff.delay(1), backoff.delay(2), backoff.delay(3), backoff.delay(40)))
                .containsExactly(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300));
    }
}
