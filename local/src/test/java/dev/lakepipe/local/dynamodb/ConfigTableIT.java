package dev.lakepipe.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.LakepipeException;
import dev.lakepipe.config.ConfigReader;
import dev.lakepipe.configstore.ConfigTable;
import dev.lakepipe.configstore.ItemKey;
import dev.lakepipe.util.Backoff;
import dev.lakepipe.util.Sleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class ConfigTableIT {

    private static final Path TPCC = Path.of("../pipeline-configs/tpcc.json");
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 4);
    private static final Sleeper NO_WAIT = duration -> {};

    private static DynamoDbLocalServer server;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        server = DynamoDbLocalServer.startInMemory();
        client = server.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void importsTpccAndExportsTheSameItems() {
        var table = table("tpcc_roundtrip", null);
        var items = ConfigReader.readItems(TPCC);

        var imported = new ConfigImport(table).importItems(items);
        var exported = table.load("tpcc");

        assertThat(imported.added()).hasSize(items.size());
        assertThat(exported).containsExactlyInAnyOrderElementsOf(items);
        assertThat(new ConfigImport(table).diff(items).hasChanges()).isFalse();
    }

    @Test
    void batchesAndPaginatesManyItemsIdempotently() {
        var table = table("synthetic", 7);
        var items = syntheticItems("many", 130);

        var first = new ConfigImport(table).importItems(items);
        var second = new ConfigImport(table).importItems(items);

        assertThat(first.added()).hasSize(130);
        assertThat(second.toWrite()).isEmpty();
        assertThat(second.unchanged()).hasSize(130);
        assertThat(table.load("many")).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void dryRunDiffShowsAddedChangedAndOnlyStored() {
        var table = table("diffs", null);
        var stored = syntheticItems("d", 3);
        new ConfigImport(table).importItems(stored);
        var file = new ArrayList<JsonNode>(List.of(stored.get(0), stored.get(1).deepCopy()));
        ((ObjectNode) file.get(1)).put("secret", "changed");
        file.addAll(syntheticItems("d", 5).subList(3, 5));

        var diff = new ConfigImport(table).diff(file);

        assertThat(diff.added())
                .extracting(ItemKey::config)
                .containsExactly("step::system::public.t003", "step::system::public.t004");
        assertThat(diff.changed()).extracting(ItemKey::config).containsExactly("step::system::public.t001");
        assertThat(diff.changedFields()).containsEntry(diff.changed().get(0), List.of("secret"));
        assertThat(diff.unchanged()).extracting(ItemKey::config).containsExactly("step::system::public.t000");
        assertThat(diff.onlyStored()).extracting(ItemKey::config).containsExactly("step::system::public.t002");
        assertThat(table.load("d")).containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void retriesUnprocessedItems() {
        table("throttled", null).createIfMissing();
        var calls = new AtomicInteger();
        var throttling = new ThrottlingClient(client, calls, true);
        var table = new ConfigTable(throttling, "throttled", FAST, NO_WAIT, null);
        var items = syntheticItems("t", 60);

        table.putAll(items);

        assertThat(table.load("t")).containsExactlyInAnyOrderElementsOf(items);
        assertThat(calls.get()).isGreaterThan(3);
    }

    @Test
    void failsWhenItemsStayUnprocessed() {
        table("stuck", null).createIfMissing();
        var table =
                new ConfigTable(new ThrottlingClient(client, new AtomicInteger(), false), "stuck", FAST, NO_WAIT, null);

        assertThatThrownBy(() -> table.putAll(syntheticItems("s", 2)))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Failed to write 1 config items to table stuck: still unprocessed after 4 attempts;"
                        + " the table is throttled, run the import again (it is idempotent)");
    }

    @Test
    void missingTableIsNamed() {
        assertThatThrownBy(() -> new ConfigTable(client, "absent").load("x"))
                .isInstanceOf(LakepipeException.class)
                .hasMessageStartingWith("Cannot read config table absent: it does not exist");
    }

    private static ConfigTable table(String name, Integer pageSize) {
        var table = new ConfigTable(client, name, FAST, NO_WAIT, pageSize);
        table.createIfMissing();
        return table;
    }

    /** Items of every JSON type: strings, numbers stored as strings and as numbers, booleans, lists, maps. */
    static List<JsonNode> syntheticItems(String identifier, int count) {
        var items = new ArrayList<JsonNode>();
        for (var i = 0; i < count; i++) {
            var item = ConfigReader.mapper().createObjectNode();
            item.put("identifier", identifier);
            item.put("config", String.format("step::system::public.t%03d", i));
            item.put("enabled", i % 2 == 0 ? "true" : "false");
            var hudi = item.putObject("hudi_config");
            hudi.put("primary_key", "id,part");
            hudi.put("is_partitioned", i % 3 == 0);
            hudi.put("weight", i * 1.5);
            item.putObject("spark_jdbc_config")
                    .put("numPartitions", Integer.toString(i + 1))
                    .put("fetchsize", 1000 + i);
            item.putArray("tags").add("a").add(i);
            items.add(item);
        }
        return items;
    }

    /**
     * The real DynamoDB Local client, except BatchWriteItem leaves the last request of each call unprocessed
     * (a lone request too, unless {@code writesLoneRequest}): what a throttled table does.
     */
    private static final class ThrottlingClient implements DynamoDbClient {
        private final DynamoDbClient delegate;
        private final AtomicInteger calls;
        private final boolean writesLoneRequest;

        ThrottlingClient(DynamoDbClient delegate, AtomicInteger calls, boolean writesLoneRequest) {
            this.delegate = delegate;
            this.calls = calls;
            this.writesLoneRequest = writesLoneRequest;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            calls.incrementAndGet();
            var tableName = request.requestItems().keySet().iterator().next();
            var requests = request.requestItems().get(tableName);
            var written = requests.size() == 1 && writesLoneRequest ? 1 : requests.size() - 1;
            var write = requests.subList(0, written);
            if (!write.isEmpty()) {
                delegate.batchWriteItem(builder -> builder.requestItems(Map.of(tableName, write)));
            }
            List<WriteRequest> left = requests.subList(written, requests.size());
            return BatchWriteItemResponse.builder()
                    .unprocessedItems(left.isEmpty() ? Map.of() : Map.of(tableName, left))
                    .build();
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            return delegate.query(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {}
    }
}
