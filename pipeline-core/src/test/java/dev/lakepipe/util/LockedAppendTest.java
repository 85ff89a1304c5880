package dev.lakepipe.util;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockedAppendTest {

    private static final int THREADS = 8;
    private static final int LINES_PER_THREAD = 200;

    @TempDir
    Path dir;

    @Test
    void threadsOfOneJvmAppendingToOneFileQueueInsteadOfFailing() throws Exception {
        var file = dir.resolve("nested/metrics.jsonl");
        var start = new CyclicBarrier(THREADS);
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            var writers = new ArrayList<Future<Void>>();
            for (int thread = 0; thread < THREADS; thread++) {
                writers.add(pool.submit(writer(file, thread, start)));
            }
            for (var writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        var expected = IntStream.range(0, THREADS)
                .boxed()
                .flatMap(thread -> IntStream.range(0, LINES_PER_THREAD).mapToObj(line -> line(thread, line)))
                .toList();
        assertThat(Files.readAllLines(file, UTF_8)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSameFileNamedTwoWaysSharesOneQueue() throws Exception {
        var file = dir.resolve("log.jsonl");
        LockedAppend.append(file, "a\n");
        LockedAppend.append(dir.resolve("x/../log.jsonl"), "b\n");

        assertThat(Files.readAllLines(file, UTF_8)).containsExactly("a", "b");
    }

    private static Callable<Void> writer(Path file, int thread, CyclicBarrier start) {
        return () -> {
            start.await();
            for (int line = 0; line < LINES_PER_THREAD; line++) {
                LockedAppend.append(file, line(thread, line) + "\n");
            }
            return null;
        };
    }

    private static String line(int thread, int line) {
        return "thread-" + thread + " line-" + line + " " + "x".repeat(64);
    }
}
