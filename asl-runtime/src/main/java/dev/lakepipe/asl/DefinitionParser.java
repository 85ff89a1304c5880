package dev.lakepipe.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns ASL JSON into {@link StateGraph}s, collecting every problem (each naming its state) instead of
 * stopping at the first. Graph checks (Next targets, reachability) run in {@link GraphChecks}.
 */
final class DefinitionParser {

    private static final Set<String> COMMON = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath");
    private static final Map<StateType, Set<String>> FIELDS = Map.of(
            StateType.TASK,
                    Set.of(
                            "Resource",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "Retry",
                            "Catch",
                            "TimeoutSeconds",
                            "TimeoutSecondsPath",
                            "HeartbeatSeconds",
                            "HeartbeatSecondsPath",
                            "Credentials"),
            StateType.PASS, Set.of("Result", "ResultPath", "Parameters"),
            StateType.CHOICE, Set.of("Choices", "Default"),
            StateType.WAIT, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
            StateType.SUCCEED, Set.of(),
            StateType.FAIL, Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            StateType.PARALLEL, Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"),
            StateType.MAP,
                    Set.of(
                            "ItemProcessor",
                            "Iterator",
                            "ItemsPath",
                            "ItemSelector",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "Retry",
                            "Catch",
                            "MaxConcurrency",
                            "MaxConcurrencyPath",
                            "ToleratedFailureCount",
                            "ToleratedFailurePercentage",
                            "Label"));
    private static final Set<String> UNSUPPORTED = Set.of(
            "QueryLanguage",
            "Assign",
            "Output",
            "Arguments",
            "Condition",
            "Items",
            "ItemReader",
            "ItemBatcher",
            "ResultWriter",
            "ToleratedFailureCountPath",
            "ToleratedFailurePercentagePath");

    private final Predicate<String> resourceKnown;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> seenNames = new HashMap<>();

    private DefinitionParser(Predicate<String> resourceKnown) {
        this.resourceKnown = resourceKnown;
    }

    /** Parses and checks a whole definition; returns the top-level graph or the problems found. */
    static Parsed parse(JsonNode definition, Predicate<String> resourceKnown) {
        var parser = new DefinitionParser(resourceKnown);
        if (!definition.isObject()) {
            return new Parsed(null, Optional.empty(), List.of("Definition: must be a JSON object"));
        }
        if (definition.has("QueryLanguage")
                && !"JSONPath".equals(definition.path("QueryLanguage").asText())) {
            parser.problems.add("Definition: QueryLanguage " + definition.get("QueryLanguage")
                    + " is not supported (JSONPath only)");
        }
        StateGraph graph = parser.graph(definition, "Definition");
        Optional<Integer> timeout = parser.positiveInteger(definition, "TimeoutSeconds", "Definition");
        if (graph != null) {
            GraphChecks.check(graph, "Definition", parser.problems);
        }
        return new Parsed(graph, timeout, parser.problems);
    }

    record Parsed(StateGraph graph, Optional<Integer> timeoutSeconds, List<String> problems) {}

    private StateGraph graph(JsonNode node, String where) {
        JsonNode startAt = node.get("StartAt");
        JsonNode states = node.get("States");
        if (startAt == null || !startAt.isTextual()) {
            problems.add(where + ": StartAt is missing or not a string");
        }
        if (states == null || !states.isObject() || states.isEmpty()) {
            problems.add(where + ": States is missing or empty");
            return null;
        }
        Map<String, State> parsed = new LinkedHashMap<>();
        states.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (seenNames.put(name, where) != null) {
                problems.add("State '" + name
                        + "': the name is used more than once (state names are unique across the machine)");
            }
            if (name.length() > 80) {
                problems.add("State '" + name + "': the name is longer than 80 characters");
            }
            State state = state(name, entry.getValue());
            if (state != null) {
                parsed.put(name, state);
            }
        });
        return startAt == null || !startAt.isTextual() ? null : new StateGraph(startAt.textValue(), parsed);
    }

    private State state(String name, JsonNode node) {
        String where = "State '" + name + "'";
        if (!node.isObject()) {
            problems.add(where + ": must be a JSON object");
            return null;
        }
        String typeName = node.path("Type").asText("");
        Optional<StateType> type = StateType.fromAslName(typeName);
        if (type.isEmpty()) {
            problems.add(where + ": unknown state type '" + typeName
                    + "' (expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map)");
            return null;
        }
        checkFields(node, type.get(), where);
        StateCommon common = common(name, type.get(), node, where);
        return switch (type.get()) {
            case TASK -> task(common, node, where);
            case PASS -> new State.Pass(common, Optional.ofNullable(node.get("Result")));
            case CHOICE -> choice(common, node, where);
            case WAIT -> wait(common, node, where);
            case SUCCEED -> new State.Succeed(common);
            case FAIL -> fail(common, node, where);
            case PARALLEL -> parallel(common, node, where);
            case MAP -> map(common, node, where);
        };
    }

    private void checkFields(JsonNode node, StateType type, String where) {
        node.fieldNames().forEachRemaining(field -> {
            if (UNSUPPORTED.contains(field)) {
                problems.add(where + ": field '" + field + "' is not supported by the local runtime");
            } else if (!COMMON.contains(field) && !FIELDS.get(type).contains(field)) {
                problems.add(where + ": field '" + field + "' is not allowed in a " + type.aslName() + " state");
            }
        });
        boolean terminal = type == StateType.SUCCEED || type == StateType.FAIL;
        boolean hasNext = node.has("Next");
        boolean end = node.path("End").asBoolean(false);
        if (type == StateType.CHOICE || terminal) {
            if (hasNext || node.has("End")) {
                problems.add(where + ": a " + type.aslName() + " state may have neither Next nor End");
            }
            if (terminal && (node.has("InputPath") || node.has("OutputPath")) && type == StateType.FAIL) {
                problems.add(where + ": a Fail state may have neither InputPath nor OutputPath");
            }
        } else if (hasNext == end) {
            problems.add(where + ": must have exactly one of Next or \"End\": true");
        }
    }

    private StateCommon common(String name, StateType type, JsonNode node, String where) {
        Optional<String> next = text(node, "Next", where);
        Optional<String> inputPath = path(node, "InputPath", where, false);
        Optional<String> outputPath = path(node, "OutputPath", where, false);
        Optional<String> resultPath = path(node, "ResultPath", where, true);
        resultPath
                .filter(JsonPaths::isContextPath)
                .ifPresent(path -> problems.add(where + ": ResultPath may not start with $$"));
        Optional<JsonNode> parameters = type == StateType.MAP ? Optional.empty() : template(node, "Parameters", where);
        Optional<JsonNode> resultSelector = template(node, "ResultSelector", where);
        return new StateCommon(
                name,
                type,
                next,
                node.path("End").asBoolean(false),
                inputPath,
                outputPath,
                parameters,
                resultSelector,
                resultPath,
                retriers(node, where),
                catchers(node, where));
    }

    private State task(StateCommon common, JsonNode node, String where) {
        String resource = node.path("Resource").asText("");
        if (resource.isEmpty()) {
            problems.add(where + ": Resource is missing");
        } else if (!resourceKnown.test(resource)) {
            problems.add(where + ": no integration handles resource '" + resource
                    + "' (register a TaskIntegration or pass --task-result)");
        }
        exclusive(node, where, "TimeoutSeconds", "TimeoutSecondsPath");
        exclusive(node, where, "HeartbeatSeconds", "HeartbeatSecondsPath");
        Optional<Integer> timeout = positiveInteger(node, "TimeoutSeconds", where);
        Optional<Integer> heartbeat = positiveInteger(node, "HeartbeatSeconds", where);
        if (timeout.isPresent() && heartbeat.isPresent() && heartbeat.get() >= timeout.get()) {
            problems.add(where + ": HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
        return new State.Task(
                common,
                resource,
                timeout,
                referencePath(node, "TimeoutSecondsPath", where),
                heartbeat,
                referencePath(node, "HeartbeatSecondsPath", where));
    }

    private State choice(StateCommon common, JsonNode node, String where) {
        JsonNode choices = node.get("Choices");
        List<ChoiceRule> rules = new ArrayList<>();
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            problems.add(where + ": Choices must be a non-empty array");
        } else {
            for (int i = 0; i < choices.size(); i++) {
                String ruleWhere = where + " Choices[" + i + "]";
                JsonNode rule = choices.get(i);
                Optional<String> next = text(rule, "Next", ruleWhere);
                if (next.isEmpty()) {
                    problems.add(ruleWhere + ": Next is missing");
                }
                ChoiceRule.Condition condition = ChoiceRules.condition(rule, ruleWhere, problems);
                if (condition != null) {
                    rules.add(new ChoiceRule(condition, next));
                }
            }
        }
        return new State.Choice(common, rules, text(node, "Default", where));
    }

    private State wait(StateCommon common, JsonNode node, String where) {
        long durations = Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath").stream()
                .filter(node::has)
                .count();
        if (durations != 1) {
            problems.add(where + ": must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        Optional<Long> seconds = Optional.ofNullable(node.get("Seconds")).map(JsonNode::asLong);
        if (node.has("Seconds") && (!node.get("Seconds").canConvertToExactIntegral() || seconds.get() < 0)) {
            problems.add(where + ": Seconds must be a non-negative integer");
        }
        Optional<String> timestamp = text(node, "Timestamp", where);
        timestamp
                .filter(value -> Timestamps.parse(value).isEmpty())
                .ifPresent(value -> problems.add(where + ": Timestamp '" + value + "' is not an RFC 3339 timestamp"));
        return new State.Wait(
                common,
                seconds,
                referencePath(node, "SecondsPath", where),
                timestamp,
                referencePath(node, "TimestampPath", where));
    }

    private State fail(StateCommon common, JsonNode node, String where) {
        exclusive(node, where, "Error", "ErrorPath");
        exclusive(node, where, "Cause", "CausePath");
        for (String field : List.of("ErrorPath", "CausePath")) {
            if (node.has(field)) {
                Templates.checkExpression(node.get(field), where + " " + field, problems);
            }
        }
        return new State.Fail(
                common,
                text(node, "Error", where),
                text(node, "ErrorPath", where),
                text(node, "Cause", where),
                text(node, "CausePath", where));
    }

    private State parallel(StateCommon common, JsonNode node, String where) {
        JsonNode branches = node.get("Branches");
        List<StateGraph> graphs = new ArrayList<>();
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problems.add(where + ": Branches must be a non-empty array");
        } else {
            for (int i = 0; i < branches.size(); i++) {
                StateGraph graph = graph(branches.get(i), where + " Branches[" + i + "]");
                if (graph != null) {
                    GraphChecks.check(graph, where + " Branches[" + i + "]", problems);
                    graphs.add(graph);
                }
            }
        }
        return new State.Parallel(common, graphs);
    }

    private State map(StateCommon common, JsonNode node, String where) {
        exclusive(node, where, "ItemProcessor", "Iterator");
        exclusive(node, where, "ItemSelector", "Parameters");
        exclusive(node, where, "MaxConcurrency", "MaxConcurrencyPath");
        JsonNode processorNode = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        StateGraph processor = null;
        if (processorNode == null) {
            problems.add(where + ": ItemProcessor (or Iterator) is missing");
        } else {
            String mode = processorNode.path("ProcessorConfig").path("Mode").asText("INLINE");
            if (!mode.equals("INLINE")) {
                problems.add(where + ": ProcessorConfig Mode " + mode + " is not supported (INLINE only)");
            }
            processor = graph(processorNode, where + " ItemProcessor");
            if (processor != null) {
                GraphChecks.check(processor, where + " ItemProcessor", problems);
            }
        }
        Optional<JsonNode> selector = template(node, node.has("ItemSelector") ? "ItemSelector" : "Parameters", where);
        int maxConcurrency = node.path("MaxConcurrency").asInt(0);
        if (node.has("MaxConcurrency")
                && (!node.get("MaxConcurrency").canConvertToExactIntegral() || maxConcurrency < 0)) {
            problems.add(where + ": MaxConcurrency must be a non-negative integer");
        }
        Optional<Integer> toleratedCount =
                Optional.ofNullable(node.get("ToleratedFailureCount")).map(JsonNode::asInt);
        Optional<Double> toleratedPercentage =
                Optional.ofNullable(node.get("ToleratedFailurePercentage")).map(JsonNode::asDouble);
        toleratedPercentage
                .filter(value -> value < 0 || value > 100)
                .ifPresent(value -> problems.add(where + ": ToleratedFailurePercentage must be between 0 and 100"));
        return processor == null
                ? null
                : new State.Map(
                        common,
                        processor,
                        referencePath(node, "ItemsPath", where),
                        selector,
                        maxConcurrency,
                        referencePath(node, "MaxConcurrencyPath", where),
                        toleratedCount,
                        toleratedPercentage);
    }

    private List<Retrier> retriers(JsonNode node, String where) {
        List<Retrier> retriers = new ArrayList<>();
        JsonNode retry = node.get("Retry");
        if (retry == null) {
            return retriers;
        }
        for (int i = 0; i < retry.size(); i++) {
            JsonNode entry = retry.get(i);
            String entryWhere = where + " Retry[" + i + "]";
            List<String> errors = errorEquals(entry, entryWhere, i == retry.size() - 1);
            double backoff = entry.path("BackoffRate").asDouble(Retrier.DEFAULT_BACKOFF_RATE);
            if (backoff < 1.0) {
                problems.add(entryWhere + ": BackoffRate must be at least 1.0");
            }
            String jitter = entry.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("FULL") && !jitter.equals("NONE")) {
                problems.add(entryWhere + ": JitterStrategy must be FULL or NONE, got " + jitter);
            }
            Optional<Integer> interval = positiveInteger(entry, "IntervalSeconds", entryWhere);
            Optional<Integer> maxDelay = positiveInteger(entry, "MaxDelaySeconds", entryWhere);
            int maxAttempts = entry.path("MaxAttempts").asInt(Retrier.DEFAULT_MAX_ATTEMPTS);
            if (maxAttempts < 0) {
                problems.add(entryWhere + ": MaxAttempts must not be negative");
            }
            retriers.add(new Retrier(
                    errors,
                    interval.orElse(Retrier.DEFAULT_INTERVAL_SECONDS),
                    maxAttempts,
                    backoff,
                    maxDelay,
                    jitter.equals("FULL")));
        }
        return retriers;
    }

    private List<Catcher> catchers(JsonNode node, String where) {
        List<Catcher> catchers = new ArrayList<>();
        JsonNode catches = node.get("Catch");
        if (catches == null) {
            return catchers;
        }
        for (int i = 0; i < catches.size(); i++) {
            JsonNode entry = catches.get(i);
            String entryWhere = where + " Catch[" + i + "]";
            List<String> errors = errorEquals(entry, entryWhere, i == catches.size() - 1);
            Optional<String> next = text(entry, "Next", entryWhere);
            if (next.isEmpty()) {
                problems.add(entryWhere + ": Next is missing");
            }
            catchers.add(new Catcher(errors, next.orElse(""), path(entry, "ResultPath", entryWhere, true)));
        }
        return catchers;
    }

    private List<String> errorEquals(JsonNode entry, String where, boolean last) {
        List<String> errors = new ArrayList<>();
        entry.path("ErrorEquals").forEach(error -> errors.add(error.asText()));
        if (errors.isEmpty()) {
            problems.add(where + ": ErrorEquals must be a non-empty array");
        }
        if (errors.contains(StatesError.ALL.errorName()) && (errors.size() > 1 || !last)) {
            problems.add(where + ": States.ALL must appear alone and in the last entry");
        }
        return errors;
    }

    private Optional<JsonNode> template(JsonNode node, String field, String where) {
        JsonNode template = node.get(field);
        if (template == null) {
            return Optional.empty();
        }
        Templates.check(template, where + " " + field, problems);
        return Optional.of(template);
    }

    /** A Path field: absent gives {@code $}, JSON null gives empty. */
    private Optional<String> path(JsonNode node, String field, String where, boolean reference) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.of("$");
        }
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(where + ": " + field + " must be a string or null");
            return Optional.of("$");
        }
        (reference ? JsonPaths.referencePathProblem(value.textValue()) : JsonPaths.pathProblem(value.textValue()))
                .ifPresent(problem ->
                        problems.add(where + ": invalid " + field + " '" + value.textValue() + "': " + problem));
        return Optional.of(value.textValue());
    }

    private Optional<String> referencePath(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(where + ": " + field + " must be a Reference Path string, got " + value);
            return Optional.empty();
        }
        return path(node, field, where, true);
    }

    private Optional<String> text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value != null && !value.isTextual()) {
            problems.add(where + ": " + field + " must be a string");
            return Optional.empty();
        }
        return Optional.ofNullable(value).map(JsonNode::textValue);
    }

    private Optional<Integer> positiveInteger(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToExactIntegral() || value.asInt() < 1) {
            problems.add(where + ": " + field + " must be a positive integer, got " + value);
            return Optional.empty();
        }
        return Optional.of(value.asInt());
    }

    private void exclusive(JsonNode node, String where, String first, String second) {
        if (node.has(first) && node.has(second)) {
            problems.add(where + ": " + first + " and " + second + " are mutually exclusive");
        }
    }
}
