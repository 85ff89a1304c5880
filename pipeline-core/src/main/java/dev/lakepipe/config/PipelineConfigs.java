package dev.lakepipe.config;

import static java.util.Comparator.comparing;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakepipe.LakepipeException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The validated config items of one identifier, with the look-ups pipelines and steps need. */
public final class PipelineConfigs {

    private final String identifier;
    private final DatabaseConfig database;
    private final List<ConfigItem> items;

    private PipelineConfigs(String identifier, DatabaseConfig database, List<ConfigItem> items) {
        this.identifier = identifier;
        this.database = database;
        this.items = List.copyOf(items);
    }

    /** Validates items as stored (plain JSON or DynamoDB strings) and groups them; {@code source} names the input. */
    public static PipelineConfigs fromStoredItems(List<JsonNode> storedItems, String source) {
        return of(ConfigValidator.validate(storedItems).itemsOrThrow(source));
    }

    /** Groups already validated items, which must all belong to one identifier and include database::config. */
    public static PipelineConfigs of(List<ConfigItem> items) {
        var identifiers = items.stream().map(ConfigItem::identifier).distinct().toList();
        if (identifiers.size() != 1) {
            throw new LakepipeException(
                    "Cannot group configs: expected the items of exactly one identifier, got %s", identifiers);
        }
        var database = items.stream()
                .filter(DatabaseConfig.class::isInstance)
                .map(DatabaseConfig.class::cast)
                .findFirst()
                .orElseThrow(() -> new LakepipeException(
                        "Cannot group configs of %s: database::config is missing", identifiers.get(0)));
        return new PipelineConfigs(identifiers.get(0), database, items);
    }

    public String identifier() {
        return identifier;
    }

    public DatabaseConfig database() {
        return database;
    }

    public List<ConfigItem> items() {
        return items;
    }

    public List<PipelineConfig> pipelines() {
        return ofType(PipelineConfig.class)
                .sorted(comparing(PipelineConfig::key))
                .toList();
    }

    /** The pipeline with this name: a system type's name ({@code jdbc_load}) or a custom pipeline's name. */
    public Optional<PipelineConfig> pipeline(String name) {
        requireNonNull(name, "name is null");
        return ofType(PipelineConfig.class)
                .filter(pipeline -> pipeline.name().equals(name))
                .findFirst();
    }

    public Optional<PipelineConfig> pipeline(PipelineType systemType) {
        return pipeline(systemType.configName());
    }

    /** Every system step (enabled or not), ordered by table name. */
    public List<SystemStepConfig> systemSteps() {
        return ofType(SystemStepConfig.class)
                .sorted(comparing(SystemStepConfig::table))
                .toList();
    }

    public List<SystemStepConfig> enabledSystemSteps() {
        return systemSteps().stream().filter(SystemStepConfig::enabled).toList();
    }

    public Optional<SystemStepConfig> findSystemStep(String qualifiedTable) {
        var table = TableName.parse(qualifiedTable);
        return ofType(SystemStepConfig.class)
                .filter(step -> step.table().equals(table))
                .findFirst();
    }

    /** The step of {@code public.order_line}; throws naming the table and the identifier when there is none. */
    public SystemStepConfig systemStep(String qualifiedTable) {
        return findSystemStep(qualifiedTable)
                .orElseThrow(() -> new LakepipeException(
                        "Cannot find step::system::%s in the configs of %s; add the item or check the --table argument",
                        qualifiedTable, identifier));
    }

    /** These configs without the system steps of tables other than {@code qualifiedTables} ({@code schema.table}). */
    public PipelineConfigs withSystemStepsOf(Set<String> qualifiedTables) {
        var kept = items.stream()
                .filter(item -> !(item instanceof SystemStepConfig step)
                        || qualifiedTables.contains(step.table().qualified()))
                .toList();
        return new PipelineConfigs(identifier, database, kept);
    }

    /** The steps of a custom pipeline (enabled or not), ordered by step name. */
    public List<CustomStepConfig> customSteps(String pipelineName) {
        return ofType(CustomStepConfig.class)
                .filter(step -> step.pipelineName().equals(pipelineName))
                .sorted(comparing(CustomStepConfig::stepName))
                .toList();
    }

    /** The silver table name: {@code override_target_table_name}, else {@code <prefix>_<schema>_<table>}. */
    public String targetTableName(SystemStepConfig step) {
        return step.hudiConfig()
                .overrideTargetTableName()
                .orElseGet(() -> database.targetTablePrefix() + "_"
                        + step.table().schema() + "_" + step.table().table());
    }

    public String targetTableName(String qualifiedTable) {
        return targetTableName(systemStep(qualifiedTable));
    }

    private <T extends ConfigItem> Stream<T> ofType(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast);
    }
}
