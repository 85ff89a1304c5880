package dev.lakepipe.dms.emulator;

import dev.lakepipe.dms.DmsCdcTask;
import dev.lakepipe.dms.ObjectLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Collectors;

/** The Debezium PostgreSQL connector and engine properties that make it read as the DMS CDC task would. */
final class DebeziumProperties {
    /** The topic prefix of the connector's records; {@link ChangeCapture} strips it off. */
    static final String TOPIC_PREFIX = "lakepipe";

    private DebeziumProperties() {}

    /**
     * @param offsetsFile where the engine keeps its offsets ({@link DurableFileOffsetBackingStore})
     * @param publicationExists whether {@code publication} exists: then it is used as is (e.g. FOR ALL TABLES, made by
     *     the source's owner); else Debezium creates one for the selected tables, which needs ownership of them
     */
    static Properties of(
            DmsCdcTask task,
            SourceConnection source,
            Path offsetsFile,
            Duration heartbeatInterval,
            String publication,
            boolean publicationExists) {
        var settings = task.sourceSettings();
        var props = new Properties();
        props.setProperty("name", "lakepipe-dms-" + settings.slotName());
        props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        props.setProperty("offset.storage", DurableFileOffsetBackingStore.class.getName());
        props.setProperty(DurableFileOffsetBackingStore.FILE_NAME_KEY, offsetsFile.toString());
        props.setProperty("offset.flush.interval.ms", "0");
        props.setProperty("database.hostname", source.host());
        props.setProperty("database.port", Integer.toString(source.port()));
        props.setProperty("database.user", source.user());
        props.setProperty("database.password", source.password());
        props.setProperty("database.dbname", source.database());
        props.setProperty("topic.prefix", TOPIC_PREFIX);
        props.setProperty("plugin.name", "pgoutput");
        props.setProperty("slot.name", settings.slotName());
        props.setProperty("publication.name", publication);
        props.setProperty("publication.autocreate.mode", publicationExists ? "disabled" : "filtered");
        props.setProperty(
                "table.include.list",
                task.tableMappings().includedLocators().stream()
                        .map(ObjectLocator::qualifiedNameRegex)
                        .collect(Collectors.joining(",")));
        props.setProperty("snapshot.mode", "no_data");
        props.setProperty("provide.transaction.metadata", "true");
        props.setProperty("heartbeat.interval.ms", Long.toString(heartbeatInterval.toMillis()));
        props.setProperty("decimal.handling.mode", "precise");
        props.setProperty("time.precision.mode", "adaptive_time_microseconds");
        props.setProperty("interval.handling.mode", "string");
        props.setProperty("binary.handling.mode", "bytes");
        props.setProperty("hstore.handling.mode", "json");
        props.setProperty("column.propagate.source.type", ".*");
        props.setProperty("tombstones.on.delete", "false");
        props.setProperty("skipped.operations", "t");
        props.setProperty("max.batch.size", "4096");
        props.setProperty("poll.interval.ms", "100");
        return props;
    }
}
