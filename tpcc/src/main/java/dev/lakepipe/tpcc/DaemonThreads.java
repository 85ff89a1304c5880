package dev.lakepipe.tpcc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Fixed pools of named daemon threads, so a stuck database call never keeps the JVM alive. */
final class DaemonThreads {

    private DaemonThreads() {}

    static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
