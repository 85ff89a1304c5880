package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tables that one EMR step of a system pipeline applies: the tables with one {@code step_group}, or a table without
 * one on its own. A group's tables run concurrently in one Spark application, so they share its {@code spark-submit}
 * options: each table's {@code spark_conf} joins the group's, and two tables may not set one key to different values.
 *
 * @param name the {@code step_group}; empty for a table on its own
 * @param steps the tables, ordered as given (by table name)
 */
public record StepGroup(Optional<String> name, List<SystemStepConfig> steps) {

    public StepGroup {
        requireNonNull(name, "name is null");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a step group has at least one table");
        }
    }

    /** A key that two tables of a group set to different values for one pipeline type. */
    public record Conflict(
            String key, SystemStepConfig first, String firstValue, SystemStepConfig second, String secondValue) {}

    /**
     * The groups of these tables (ordered by table name), in the order of their first table: a table without
     * {@code step_group}, or the only one of its group, is a group of its own.
     */
    public static List<StepGroup> of(List<SystemStepConfig> steps) {
        var groups = new LinkedHashMap<String, List<SystemStepConfig>>();
        for (var step : steps) {
            var key = step.stepGroup()
                    .map(name -> "group " + name)
                    .orElse("table " + step.table().qualified());
            groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(step);
        }
        return groups.values().stream()
                .map(members ->
                        new StepGroup(members.size() > 1 ? members.get(0).stepGroup() : Optional.empty(), members))
                .toList();
    }

    /** Whether this step applies several tables. */
    public boolean isShared() {
        return name.isPresent();
    }

    public SystemStepConfig first() {
        return steps.get(0);
    }

    public List<String> tables() {
        return steps.stream().map(step -> step.table().qualified()).toList();
    }

    /** The keys that two tables set to different values in this pipeline type's {@code spark_conf}. */
    public List<Conflict> conflicts(PipelineType type) {
        var conflicts = new ArrayList<Conflict>();
        var setBy = new TreeMap<String, SystemStepConfig>();
        for (var step : steps) {
            step.sparkConf(type).forEach((key, value) -> {
                var first = setBy.putIfAbsent(key, step);
                if (first != null && !first.sparkConf(type).get(key).equals(value)) {
                    conflicts.add(new Conflict(key, first, first.sparkConf(type).get(key), step, value));
                }
            });
        }
        return List.copyOf(conflicts);
    }

    /** The group's {@code spark_conf} for this pipeline type: every table's, sorted by key. */
    public Map<String, String> sparkConf(PipelineType type) {
        var conflicts = conflicts(type);
        if (!conflicts.isEmpty()) {
            throw new LakepipeException(
                    "Cannot plan step group %s: %s %s",
                    name.orElse(""), field(conflicts.get(0), type), describe(conflicts.get(0)));
        }
        var merged = new TreeMap<String, String>();
        steps.forEach(step -> merged.putAll(step.sparkConf(type)));
        return SystemStepConfig.sorted(merged);
    }

    /** What is wrong and how to fix it, naming both tables: follows the field {@link #field}. */
    public static String describe(Conflict conflict) {
        return "is %s for %s but %s for %s in the same step_group %s; the tables of a step group run in one Spark"
                        .formatted(
                                conflict.secondValue(),
                                conflict.second().table().qualified(),
                                conflict.firstValue(),
                                conflict.first().table().qualified(),
                                conflict.first().stepGroup().orElse(""))
                + " application with one spark_conf: set the same value on both, or give one another step_group";
    }

    /** The conflicting field: {@code spark_conf.<type>.<key>}. */
    public static String field(Conflict conflict, PipelineType type) {
        return "spark_conf." + type.configName() + "." + conflict.key();
    }
}
