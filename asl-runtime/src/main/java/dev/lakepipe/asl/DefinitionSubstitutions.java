package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's {@code DefinitionSubstitutions}: replaces {@code ${Key}} in the string values of a
 * definition. A placeholder left without a value is an error listing every such placeholder and where
 * it is, so a local substitution map that drifts from the CDK one is caught at load time.
 */
public final class DefinitionSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private DefinitionSubstitutions() {}

    public static JsonNode apply(String definitionName, JsonNode definition, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        JsonNode result = substitute(definition, values, "", missing);
        if (!missing.isEmpty()) {
            var keys = new TreeSet<String>();
            missing.forEach(entry -> keys.add(entry.substring(0, entry.indexOf(' '))));
            throw new InvalidDefinitionException(
                    definitionName,
                    List.of("unfilled placeholder(s) " + keys + " at " + missing
                            + "; pass a value for each (--substitute KEY=VALUE)"));
        }
        return result;
    }

    private static JsonNode substitute(
            JsonNode node, Map<String, String> values, String pointer, List<String> missing) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = StatesJson.object();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), substitute(field.getValue(), values, pointer + "/" + field.getKey(), missing));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = StatesJson.MAPPER.createArrayNode();
            for (int i = 0; i < array.size(); i++) {
                copy.add(substitute(array.get(i), values, pointer + "/" + i, missing));
            }
            return copy;
        }
        if (node.isTextual() && node.textValue().contains("${")) {
            Matcher matcher = PLACEHOLDER.matcher(node.textValue());
            var out = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    missing.add("${" + matcher.group(1) + "} (" + pointer + ")");
                    value = matcher.group();
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        return node;
    }
}
