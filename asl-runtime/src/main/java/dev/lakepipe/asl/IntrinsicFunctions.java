package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakepipe.asl.IntrinsicExpression.Call;
import dev.lakepipe.asl.IntrinsicExpression.Literal;
import dev.lakepipe.asl.IntrinsicExpression.PathArgument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The 18 intrinsic functions of JSONPath mode. Wrong argument types or values fail with
 * States.IntrinsicFailure; a path argument that matches nothing fails with States.Runtime.
 */
public final class IntrinsicFunctions {

    private static final int MAX_STRING = 10_000;
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    private static final Map<String, Function<Arguments, JsonNode>> FUNCTIONS = Map.ofEntries(
            Map.entry("States.Format", IntrinsicFunctions::format),
            Map.entry("States.StringToJson", args -> stringToJson(args.string(0))),
            Map.entry(
                    "States.JsonToString",
                    args -> TextNode.valueOf(StatesJson.write(args.exactly(1).get(0)))),
            Map.entry(
                    "States.Array", args -> StatesJson.MAPPER.createArrayNode().addAll(args.values())),
            Map.entry("States.ArrayPartition", IntrinsicFunctions::arrayPartition),
            Map.entry(
                    "States.ArrayContains",
                    args -> bool(contains(args.exactly(2).array(0), args.get(1)))),
            Map.entry("States.ArrayRange", IntrinsicFunctions::arrayRange),
            Map.entry("States.ArrayGetItem", IntrinsicFunctions::arrayGetItem),
            Map.entry(
                    "States.ArrayLength",
                    args -> IntNode.valueOf(args.exactly(1).array(0).size())),
            Map.entry("States.ArrayUnique", IntrinsicFunctions::arrayUnique),
            Map.entry(
                    "States.Base64Encode",
                    args -> TextNode.valueOf(Base64.getEncoder()
                            .encodeToString(args.exactly(1).boundedString(0).getBytes(StandardCharsets.UTF_8)))),
            Map.entry("States.Base64Decode", IntrinsicFunctions::base64Decode),
            Map.entry("States.Hash", IntrinsicFunctions::hash),
            Map.entry("States.JsonMerge", IntrinsicFunctions::jsonMerge),
            Map.entry("States.MathRandom", IntrinsicFunctions::mathRandom),
            Map.entry(
                    "States.MathAdd",
                    args -> LongNode.valueOf(
                            Math.round(args.exactly(2).number(0).doubleValue())
                                    + Math.round(args.number(1).doubleValue()))),
            Map.entry("States.StringSplit", IntrinsicFunctions::stringSplit),
            Map.entry("States.UUID", args -> uuid(args.exactly(0))));

    private IntrinsicFunctions() {}

    public static boolean isKnown(String name) {
        return FUNCTIONS.containsKey(name);
    }

    public static Set<String> names() {
        return new TreeSet<>(FUNCTIONS.keySet());
    }

    public static JsonNode evaluate(Call call, JsonNode data, JsonNode context) {
        List<JsonNode> values = new ArrayList<>();
        for (IntrinsicExpression argument : call.arguments()) {
            if (argument instanceof Literal literal) {
                values.add(literal.value());
            } else if (argument instanceof PathArgument path) {
                values.add(JsonPaths.read(path.path(), data, context));
            } else {
                values.add(evaluate((Call) argument, data, context));
            }
        }
        return FUNCTIONS.get(call.function()).apply(new Arguments(call, values));
    }

    private static JsonNode format(Arguments args) {
        if (args.values.isEmpty()) {
            throw args.failure("expects a template string argument");
        }
        String template = args.call.arguments().get(0) instanceof Literal literal && literal.formatTemplate() != null
                ? literal.formatTemplate()
                : args.string(0);
        var out = new StringBuilder();
        int slot = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (slot >= args.values.size()) {
                    throw args.failure("has more {} slots than arguments");
                }
                out.append(formatValue(args.get(slot++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (slot != args.values.size()) {
            throw args.failure("has fewer {} slots than arguments");
        }
        return TextNode.valueOf(out.toString());
    }

    /** Strings unquoted, scalars as written; objects and arrays in Java's Map/List toString style, as AWS prints them. */
    private static String formatValue(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject()) {
            var parts = new ArrayList<String>();
            value.fields().forEachRemaining(field -> parts.add(field.getKey() + "=" + formatValue(field.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value.isArray()) {
            var parts = new ArrayList<String>();
            value.forEach(element -> parts.add(formatValue(element)));
            return "[" + String.join(", ", parts) + "]";
        }
        return value.toString();
    }

    @SuppressWarnings("unused")
    private static JsonNode uuid(Arguments noArguments) {
        return TextNode.valueOf(UUID.randomUUID().toString());
    }

    private static JsonNode stringToJson(String text) {
        if (text.isBlank()) {
            return NullNode.instance;
        }
        try {
            return StatesJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw StatesFailure.intrinsic("Invalid argument to States.StringToJson: not JSON: %s", text);
        }
    }

    private static JsonNode arrayPartition(Arguments args) {
        ArrayNode array = args.exactly(2).array(0);
        int size = args.integer(1);
        if (size < 1) {
            throw args.failure("expects a chunk size greater than 0, got " + size);
        }
        ArrayNode result = StatesJson.MAPPER.createArrayNode();
        for (int start = 0; start < array.size(); start += size) {
            ArrayNode chunk = result.addArray();
            for (int i = start; i < Math.min(start + size, array.size()); i++) {
                chunk.add(array.get(i));
            }
        }
        return result;
    }

    private static JsonNode arrayRange(Arguments args) {
        int start = args.exactly(3).integer(0);
        int end = args.integer(1);
        int step = args.integer(2);
        if (step == 0) {
            throw args.failure("expects a step other than 0");
        }
        ArrayNode result = StatesJson.MAPPER.createArrayNode();
        for (long value = start; step > 0 ? value <= end : value >= end; value += step) {
            if (result.size() == 1000) {
                throw args.failure("would return more than 1000 elements");
            }
            result.add(value);
        }
        return result;
    }

    private static JsonNode arrayGetItem(Arguments args) {
        ArrayNode array = args.exactly(2).array(0);
        int index = args.integer(1);
        if (index < 0 || index >= array.size()) {
            throw args.failure("index " + index + " is out of bounds for an array of " + array.size());
        }
        return array.get(index);
    }

    private static JsonNode arrayUnique(Arguments args) {
        ArrayNode result = StatesJson.MAPPER.createArrayNode();
        args.exactly(1).array(0).forEach(element -> {
            if (!contains(result, element)) {
                result.add(element);
            }
        });
        return result;
    }

    private static JsonNode base64Decode(Arguments args) {
        try {
            return TextNode.valueOf(
                    new String(Base64.getDecoder().decode(args.exactly(1).boundedString(0)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw args.failure("expects Base64 text: " + e.getMessage());
        }
    }

    private static JsonNode hash(Arguments args) {
        String data = args.exactly(2).boundedString(0);
        String algorithm = args.string(1);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw args.failure("expects an algorithm in " + new TreeSet<>(HASH_ALGORITHMS) + ", got " + algorithm);
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM lacks " + algorithm, e);
        }
    }

    private static JsonNode jsonMerge(Arguments args) {
        ObjectNode left = args.exactly(3).object(0);
        ObjectNode right = args.object(1);
        if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
            throw args.failure("supports only shallow merging: the third argument must be false");
        }
        ObjectNode merged = left.deepCopy();
        merged.setAll(right);
        return merged;
    }

    private static JsonNode mathRandom(Arguments args) {
        if (args.values.size() < 2 || args.values.size() > 3) {
            throw args.failure("expects 2 or 3 arguments");
        }
        int start = args.integer(0);
        int end = args.integer(1);
        if (end <= start) {
            throw args.failure("expects end greater than start");
        }
        Random random = args.values.size() == 3 ? new Random(args.integer(2)) : new Random();
        return IntNode.valueOf(start + random.nextInt(end - start));
    }

    private static JsonNode stringSplit(Arguments args) {
        String text = args.exactly(2).string(0);
        String separators = args.string(1);
        if (separators.isEmpty()) {
            throw args.failure("expects at least one separator character");
        }
        ArrayNode result = StatesJson.MAPPER.createArrayNode();
        var piece = new StringBuilder();
        for (char c : (text + separators.charAt(0)).toCharArray()) {
            if (separators.indexOf(c) >= 0) {
                if (!piece.isEmpty()) {
                    result.add(piece.toString());
                }
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        return result;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (JsonValues.equal(element, value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode bool(boolean value) {
        return StatesJson.MAPPER.getNodeFactory().booleanNode(value);
    }

    /** The evaluated arguments of one call, with typed accessors that fail with States.IntrinsicFailure. */
    private static final class Arguments {
        private final Call call;
        private final List<JsonNode> values;
        private final String name;

        Arguments(Call call, List<JsonNode> values) {
            this.call = call;
            this.values = values;
            this.name = call.function();
        }

        List<JsonNode> values() {
            return values;
        }

        Arguments exactly(int count) {
            if (values.size() != count) {
                throw failure("expects " + count + " argument(s), got " + values.size());
            }
            return this;
        }

        JsonNode get(int index) {
            return values.get(index);
        }

        String string(int index) {
            JsonNode value = get(index);
            if (!value.isTextual()) {
                throw failure("expects a string as argument " + (index + 1) + ", got " + value);
            }
            return value.textValue();
        }

        String boundedString(int index) {
            String value = string(index);
            if (value.length() > MAX_STRING) {
                throw failure("accepts at most " + MAX_STRING + " characters");
            }
            return value;
        }

        BigDecimal number(int index) {
            JsonNode value = get(index);
            if (!value.isNumber()) {
                throw failure("expects a number as argument " + (index + 1) + ", got " + value);
            }
            return value.decimalValue();
        }

        int integer(int index) {
            BigDecimal value = number(index);
            try {
                return value.setScale(0, RoundingMode.UNNECESSARY).intValueExact();
            } catch (ArithmeticException e) {
                throw failure("expects an integer as argument " + (index + 1) + ", got " + value);
            }
        }

        ArrayNode array(int index) {
            if (get(index) instanceof ArrayNode array) {
                return array;
            }
            throw failure("expects an array as argument " + (index + 1) + ", got " + get(index));
        }

        ObjectNode object(int index) {
            if (get(index) instanceof ObjectNode object) {
                return object;
            }
            throw failure("expects an object as argument " + (index + 1) + ", got " + get(index));
        }

        StatesFailure failure(String what) {
            return StatesFailure.intrinsic("Invalid arguments in %s: %s %s", name, name, what);
        }
    }
}
