package dev.lakepipe.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.configstore.ItemKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void diffSortsKeysIntoAddedChangedUnchangedAndOnlyStored() throws Exception {
        var a = MAPPER.readTree("{\"identifier\":\"x\",\"config\":\"a\",\"v\":1}");
        var b = MAPPER.readTree("{\"identifier\":\"x\",\"config\":\"b\",\"v\":1}");
        var bChanged = MAPPER.readTree("{\"identifier\":\"x\",\"config\":\"b\",\"v\":\"1\"}");
        var c = MAPPER.readTree("{\"identifier\":\"x\",\"config\":\"c\"}");
        var d = MAPPER.readTree("{\"identifier\":\"x\",\"config\":\"d\"}");

        var diff = ConfigDiff.of(
                Map.of(ItemKey.of(a), a, ItemKey.of(bChanged), bChanged, ItemKey.of(c), c),
                Map.of(ItemKey.of(a), a, ItemKey.of(b), b, ItemKey.of(d), d));

        assertThat(diff.render())
                .containsExactly(
                        "+ x/c",
                        "~ x/b (v)",
                        "= x/a",
                        "! x/d (stored, not in the file; left as is)",
                        "1 to add, 1 to change, 1 unchanged, 1 only stored");
        assertThat(diff.toWrite()).containsExactly(new ItemKey("x", "b"), new ItemKey("x", "c"));
    }
}
