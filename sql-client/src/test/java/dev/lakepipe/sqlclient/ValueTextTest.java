package dev.lakepipe.sqlclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values as Trino 476 sent them (a page of {@code SELECT row(1, 'x'), CAST(row(1, 'x') AS row(a integer, "B c"
 * varchar)), X'ABCD', array[X'01'], map(array['k'], array[row(1.5e0)]), array[1e0, nan()], 1e10, CAST(NULL AS
 * varchar)}), rendered as Trino's JDBC driver renders them.
 */
class ValueTextTest {

    private static final String PAGE = """
            {"id":"20261207_225301_00031_36ybp","columns":[
              {"name":"rw","type":"row(integer, varchar(1))","typeSignature":{"rawType":"row","arguments":[
                {"kind":"NAMED_TYPE","value":{"typeSignature":{"rawType":"integer","arguments":[]}}},
                {"kind":"NAMED_TYPE","value":{"typeSignature":{"rawType":"varchar","arguments":[{"kind":"LONG","value":1}]}}}]}},
              {"name":"rw2","type":"row(a integer, \\"B c\\" varchar)","typeSignature":{"rawType":"row","arguments":[
                {"kind":"NAMED_TYPE","value":{"fieldName":{"name":"a"},"typeSignature":{"rawType":"integer","arguments":[]}}},
                {"kind":"NAMED_TYPE","value":{"fieldName":{"name":"B c"},"typeSignature":{"rawType":"varchar","arguments":[]}}}]}},
              {"name":"vb","type":"varbinary","typeSignature":{"rawType":"varbinary","arguments":[]}},
              {"name":"avb","type":"array(varbinary)","typeSignature":{"rawType":"array","arguments":[
                {"kind":"TYPE","value":{"rawType":"varbinary","arguments":[]}}]}},
              {"name":"m","type":"map(varchar(1), row(double))","typeSignature":{"rawType":"map","arguments":[
                {"kind":"TYPE","value":{"rawType":"varchar","arguments":[{"kind":"LONG","value":1}]}},
                {"kind":"TYPE","value":{"rawType":"row","arguments":[
                  {"kind":"NAMED_TYPE","value":{"typeSignature":{"rawType":"double","arguments":[]}}}]}}]}},
              {"name":"ad","type":"array(double)","typeSignature":{"rawType":"array","arguments":[
                {"kind":"TYPE","value":{"rawType":"double","arguments":[]}}]}},
              {"name":"d","type":"double","typeSignature":{"rawType":"double","arguments":[]}},
              {"name":"n","type":"varchar","typeSignature":{"rawType":"varchar","arguments":[]}}],
             "data":[[[1,"x"],[1,"x"],"q80=",["AQ=="],{"k":[1.5]},[1.0,"NaN",null],1.0E10,null]]}
            """;

    @Test
    void rendersAsTheJdbcDriverDoes() throws IOException {
        Map<?, ?> page;
        try (var parser = new JsonFactory().createParser(PAGE)) {
            parser.nextToken();
            page = (Map<?, ?>) JsonValues.read(parser);
        }
        var columns = (List<?>) page.get("columns");
        var row = (List<?>) ((List<?>) page.get("data")).get(0);
        var rendered = new ArrayList<String>();
        for (int i = 0; i < columns.size(); i++) {
            var signature = (Map<?, ?>) ((Map<?, ?>) columns.get(i)).get("typeSignature");
            rendered.add(ValueText.of(signature, row.get(i)));
        }

        assertThat(rendered)
                .containsExactly(
                        "{1, x}", "{a=1, B c=x}", "0xABCD", "[0x01]", "{k={1.5}}", "[1.0, NaN, null]", "1.0E10", null);
    }

    @Test
    void alignsNumbersOnly() {
        assertThat(ValueText.numeric(Map.of("rawType", "decimal"))).isTrue();
        assertThat(ValueText.numeric(Map.of("rawType", "bigint"))).isTrue();
        assertThat(ValueText.numeric(Map.of("rawType", "varchar"))).isFalse();
        assertThat(ValueText.numeric(Map.of("rawType", "timestamp"))).isFalse();
    }
}
