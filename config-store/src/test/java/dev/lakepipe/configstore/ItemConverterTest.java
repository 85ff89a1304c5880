package dev.lakepipe.configstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.LakepipeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemConverterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void keepsEveryJsonType() throws Exception {
        var json = MAPPER.readTree("""
                {"identifier":"x","config":"step::system::public.t","enabled":"true","native":true,
                 "count":"6","n":6,"big":12345678901,"ratio":1.5,"none":null,
                 "list":["a",1,false],"map":{"nested":{"k":"v"}}}""");

        var item = ItemConverter.toItem(json);

        assertThat(item.get("enabled")).isEqualTo(AttributeValue.fromS("true"));
        assertThat(item.get("native")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(item.get("count")).isEqualTo(AttributeValue.fromS("6"));
        assertThat(item.get("n")).isEqualTo(AttributeValue.fromN("6"));
        assertThat(item.get("list"))
                .isEqualTo(AttributeValue.fromL(
                        List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"), AttributeValue.fromBool(false))));
        assertThat(ItemConverter.toJson(item)).isEqualTo(json);
    }

    @Test
    void readsStringAndNumberSetsAsArrays() throws Exception {
        var item =
                Map.of("ss", AttributeValue.fromSs(List.of("a", "b")), "ns", AttributeValue.fromNs(List.of("1", "2")));

        assertThat(ItemConverter.toJson(item)).isEqualTo(MAPPER.readTree("{\"ns\":[1,2],\"ss\":[\"a\",\"b\"]}"));
    }

    @Test
    void refusesBinary() {
        var item = Map.of("b", AttributeValue.fromB(SdkBytes.fromUtf8String("x")));

        assertThatThrownBy(() -> ItemConverter.toJson(item))
                .isInstanceOf(LakepipeException.class)
                .hasMessage("Invalid config value: DynamoDB type B has no JSON form; store config values as strings,"
                        + " numbers, booleans, lists or maps");
    }
}
