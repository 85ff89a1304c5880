package dev.lakepipe.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakepipe.asl.IntrinsicExpression.Call;
import dev.lakepipe.asl.IntrinsicExpression.Literal;
import dev.lakepipe.asl.IntrinsicExpression.PathArgument;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntrinsicParserTest {

    @Test
    void parsesNestedCallsPathsAndLiterals() {
        Call call = IntrinsicParser.parse(
                "States.Format('{} of {}', States.ArrayLength($.items[?(@.a == 'x,y')]), $$.Execution.Name, -1.5, true, null)");

        assertThat(call.function()).isEqualTo("States.Format");
        assertThat(call.arguments()).hasSize(6);
        assertThat(call.arguments().get(1))
                .isEqualTo(new Call("States.ArrayLength", List.of(new PathArgument("$.items[?(@.a == 'x,y')]"))));
        assertThat(call.arguments().get(2)).isEqualTo(new PathArgument("$$.Execution.Name"));
        assertThat(((Literal) call.arguments().get(3)).value().decimalValue()).isEqualByComparingTo("-1.5");
        assertThat(((Literal) call.arguments().get(4)).value().booleanValue()).isTrue();
        assertThat(((Literal) call.arguments().get(5)).value().isNull()).isTrue();
    }

    @Test
    void resolvesEscapesInQuotedStrings() {
        Literal literal = (Literal) IntrinsicParser.parse("States.Array('it\\'s \\{x\\} a\\\\b')")
                .arguments()
                .get(0);

        assertThat(literal.value()).isEqualTo(TextNode.valueOf("it's {x} a\\b"));
        assertThat(literal.formatTemplate()).isEqualTo("it's \\{x\\} a\\\\b");
    }

    @Test
    void rejectsAnIllegalEscape() {
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Array('a\\\"b')"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid intrinsic function call States.Array('a\\\"b') at position 17: invalid escape '\\\"' (only \\' \\{ \\} \\\\ are allowed)");
    }

    @Test
    void rejectsUnknownFunctionsAndTrailingText() {
        assertThatThrownBy(() -> IntrinsicParser.parse("States.Fromat('x')"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Invalid intrinsic function 'States.Fromat' in States.Fromat('x'): known functions are [States.Array, ");
        assertThatThrownBy(() -> IntrinsicParser.parse("States.UUID() x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Invalid intrinsic function call States.UUID() x at position 13: unexpected text after the closing parenthesis");
    }

    @Test
    void limitsNestingToTenLevels() {
        String deep = "States.Array(".repeat(11) + ")".repeat(11);

        assertThatThrownBy(() -> IntrinsicParser.parse(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 10 nested intrinsic calls");
    }

    @Test
    void uuidIsARandomVersionFourUuid() {
        var first = IntrinsicFunctions.evaluate(
                        IntrinsicParser.parse("States.UUID()"), StatesJson.object(), StatesJson.object())
                .asText();
        var second = IntrinsicFunctions.evaluate(
                        IntrinsicParser.parse("States.UUID()"), StatesJson.object(), StatesJson.object())
                .asText();

        assertThat(first)
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isNotEqualTo(second);
    }

    @Test
    void mathRandomStaysInRange() {
        for (int i = 0; i < 50; i++) {
            int value = IntrinsicFunctions.evaluate(
                            IntrinsicParser.parse("States.MathRandom(3, 7)"), StatesJson.object(), StatesJson.object())
                    .intValue();
            assertThat(value).isBetween(3, 6);
        }
    }
}
