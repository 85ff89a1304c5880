package dev.lakepipe.dms.emulator;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Debezium's async embedded engine on its own thread, feeding a {@link ChangeCapture} and signalling a lifecycle. */
final class CaptureEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureEngine.class);
    private static final String ASYNC_ENGINE = "io.debezium.embedded.async.ConvertingAsyncEngineBuilderFactory";

    private final DebeziumEngine<?> engine;
    private final ExecutorService executor;

    private CaptureEngine(DebeziumEngine<?> engine, ExecutorService executor) {
        this.engine = engine;
        this.executor = executor;
    }

    /** Builds the engine and runs it; the lifecycle hears when the connector streams and when the engine ends. */
    static CaptureEngine start(Properties properties, ChangeCapture capture, EmulatorLifecycle lifecycle) {
        var engine = DebeziumEngine.create(Connect.class, Connect.class, Connect.class, ASYNC_ENGINE)
                .using(properties)
                .notifying(capture)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        lifecycle.connectorStarted();
                    }
                })
                .using(lifecycle::engineFinished)
                .build();
        var executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "dms-emulator-engine"));
        executor.execute(engine);
        return new CaptureEngine(engine, executor);
    }

    /** Closes the engine and waits up to 30 s for its thread; failures are logged (this runs on the stop path). */
    void stop() {
        try {
            engine.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Failed to close the Debezium engine", e);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The Debezium engine did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
