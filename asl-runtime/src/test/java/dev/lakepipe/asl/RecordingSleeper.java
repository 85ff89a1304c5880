package dev.lakepipe.asl;

import dev.lakepipe.util.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records the waits instead of sleeping. */
final class RecordingSleeper implements Sleeper {

    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
    }
}
