package dev.lakepipe.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns one stored item into its typed record, recording every problem of the item on the way. */
final class ItemParser {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern JAVA_CLASS = Pattern.compile("([a-zA-Z_$][a-zA-Z0-9_$]*\\.)*[a-zA-Z_$][a-zA-Z0-9_$]*");
    private static final Pattern RELEASE_LABEL = Pattern.compile("emr-\\d+\\.\\d+\\.\\d+");
    /** JDBC options that would carry credentials or a second source; those come from the secret only. */
    private static final List<String> FORBIDDEN_JDBC_OPTIONS = List.of("url", "user", "password", "driver");

    private static final List<String> JDBC_PARTITIONING =
            List.of("partitionColumn", "lowerBound", "upperBound", "numPartitions");

    private final List<ConfigProblem> problems;

    ItemParser(List<ConfigProblem> problems) {
        this.problems = problems;
    }

    Optional<ConfigItem> parse(int index, JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            problems.add(new ConfigProblem("item #" + (index + 1), "", "must be a JSON object, got " + json));
            return Optional.empty();
        }
        var keyNode = object.get("config");
        var item = keyNode != null && keyNode.isTextual() ? keyNode.asText() : "item #" + (index + 1);
        var fields = new FieldReader(item, "", object, problems);
        var identifier = fields.requiredString("identifier", "set it to the group these items belong to, e.g. tpcc");
        if (identifier != null && !IDENTIFIER.matcher(identifier).matches()) {
            fields.problem("identifier", "must match " + IDENTIFIER.pattern() + ", got '" + identifier + "'");
        }
        var key = fields.requiredString("config", "set it to one of " + String.join(", ", ConfigKey.FORMS));
        if (key == null) {
            return Optional.empty();
        }
        var configKey = ConfigKey.parse(key);
        if (configKey instanceof ConfigKey.Invalid invalid) {
            // The other fields of an item of no known kind cannot be judged.
            fields.problem("config", invalid.reason());
            return Optional.empty();
        }
        var parsed = parseKind(configKey, identifier == null ? "" : identifier, fields);
        fields.finish();
        return identifier == null ? Optional.empty() : parsed;
    }

    private Optional<ConfigItem> parseKind(ConfigKey key, String identifier, FieldReader fields) {
        if (key instanceof ConfigKey.Database) {
            return Optional.of(database(identifier, fields));
        }
        if (key instanceof ConfigKey.SystemPipeline pipeline) {
            return pipeline(identifier, pipeline.name(), pipeline.type(), fields);
        }
        if (key instanceof ConfigKey.CustomPipeline pipeline) {
            return pipeline(identifier, pipeline.name(), PipelineType.CUSTOM, fields);
        }
        if (key instanceof ConfigKey.SystemStep step) {
            return systemStep(identifier, step.table(), fields);
        }
        if (key instanceof ConfigKey.CustomStep step) {
            return customStep(identifier, step.pipeline(), step.step(), fields);
        }
        throw new IllegalStateException("Unhandled config key " + key);
    }

    private static DatabaseConfig database(String identifier, FieldReader fields) {
        var secret = fields.requiredString(
                "secret",
                "set it to the Secrets Manager secret name, e.g. tpcc/rdbms/rds/primary/spark (the Spark secret the stack creates)");
        var targetDb = fields.requiredString(
                "target_db_name",
                "set it to the Glue database of the silver tables, e.g. tpcc_lake (the Glue database the stack creates)");
        var prefix =
                fields.requiredString("target_table_prefix", "set it to the prefix of every lake table, e.g. tpcc");
        if (targetDb != null && !NAME.matcher(targetDb).matches()) {
            fields.problem(
                    "target_db_name", "must be a Glue name (lower case letters, digits, _), got '" + targetDb + "'");
        }
        if (prefix != null && !NAME.matcher(prefix).matches()) {
            fields.problem("target_table_prefix", "must be lower case letters, digits and _, got '" + prefix + "'");
        }
        return new DatabaseConfig(identifier, orEmpty(secret), orEmpty(targetDb), orEmpty(prefix));
    }

    private Optional<ConfigItem> pipeline(String identifier, String name, PipelineType type, FieldReader fields) {
        var emr = fields.object("emr_config").map(ItemParser::emrConfig);
        if (emr.isEmpty() && fields.raw("emr_config").isEmpty()) {
            fields.problem(
                    "emr_config",
                    "is required; set release_label, master.instance_type, worker.instance_type and worker.count");
        }
        var next = fields.object("next_pipeline").map(reader -> {
            var target = reader.requiredString("pipeline_type", "set it to the pipeline to start next, e.g. seed_hudi");
            var enabled = reader.bool("enabled", true);
            reader.finish();
            return new NextPipeline(orEmpty(target), enabled);
        });
        var allowed = fields.stringList("allowed_concurrent");
        var sizing = fields.object("file_sizing")
                .map(reader -> {
                    if (type != PipelineType.INCREMENTAL_HUDI && type != PipelineType.CONTINUOUS_HUDI) {
                        fields.problem(
                                "file_sizing",
                                "applies to the Hudi upserts of incremental_hudi and continuous_hudi only;"
                                        + " remove it from this pipeline");
                    }
                    return fileSizing(reader);
                })
                .orElse(FileSizing.DEFAULTS);
        return emr.map(config -> new PipelineConfig(identifier, name, type, config, next, allowed, sizing));
    }

    private static FileSizing fileSizing(FieldReader fields) {
        var defaults = FileSizing.DEFAULTS;
        var maxFile = fields.integer("max_file_size_mb", defaults.maxFileSizeMb(), 1);
        var smallFile = fields.integer("small_file_limit_mb", defaults.smallFileLimitMb(), 0);
        var recordSize = fields.integer("record_size_estimate_bytes", defaults.recordSizeEstimateBytes(), 1);
        if (smallFile >= maxFile) {
            fields.problem(
                    "small_file_limit_mb",
                    "must be below max_file_size_mb (" + maxFile + "), got " + smallFile
                            + ": a file at the limit could never grow; e.g. 100 with 128");
        }
        var clustering = fields.object("clustering").map(ItemParser::clustering).orElse(defaults.clustering());
        var cleaning = fields.object("cleaning").map(ItemParser::cleaning).orElse(defaults.cleaning());
        var compaction = fields.object("compaction").map(ItemParser::compaction).orElse(defaults.compaction());
        fields.finish();
        return new FileSizing(maxFile, smallFile, recordSize, clustering, cleaning, compaction);
    }

    private static FileSizing.Compaction compaction(FieldReader fields) {
        var defaults = FileSizing.Compaction.DEFAULTS;
        var mode = fields.enumValue("mode", FileSizing.Compaction.Mode.class, defaults.mode());
        var every = fields.integer("every_delta_commits", defaults.everyDeltaCommits(), 1);
        fields.finish();
        return new FileSizing.Compaction(mode, every);
    }

    private static FileSizing.Clustering clustering(FieldReader fields) {
        var defaults = FileSizing.Clustering.DEFAULTS;
        var enabled = fields.bool("enabled", defaults.enabled());
        var every = fields.integer("every_commits", defaults.everyCommits(), 1);
        var smallFile = fields.integer("small_file_limit_mb", defaults.smallFileLimitMb(), 1);
        var target = fields.integer("target_file_size_mb", defaults.targetFileSizeMb(), 1);
        if (smallFile >= target) {
            fields.problem(
                    "small_file_limit_mb",
                    "must be below target_file_size_mb (" + target + "), got " + smallFile
                            + ": clustering would rewrite files it just wrote; e.g. 100 with 128");
        }
        fields.finish();
        return new FileSizing.Clustering(enabled, every, smallFile, target);
    }

    private static FileSizing.Cleaning cleaning(FieldReader fields) {
        var defaults = FileSizing.Cleaning.DEFAULTS;
        var enabled = fields.bool("enabled", defaults.enabled());
        var retained = fields.integer("commits_retained", defaults.commitsRetained(), 1);
        var keepMin = fields.integer("keep_min_commits", Math.max(defaults.keepMinCommits(), retained + 1), 2);
        var keepMax = fields.integer("keep_max_commits", Math.max(defaults.keepMaxCommits(), keepMin + 1), 3);
        if (keepMin <= retained) {
            fields.problem(
                    "keep_min_commits",
                    "must be above commits_retained (" + retained + "), got " + keepMin
                            + ": Hudi cannot archive instants the cleaner still needs; e.g. " + (retained + 10));
        }
        if (keepMax <= keepMin) {
            fields.problem(
                    "keep_max_commits",
                    "must be above keep_min_commits (" + keepMin + "), got " + keepMax + "; e.g. " + (keepMin + 10));
        }
        fields.finish();
        return new FileSizing.Cleaning(enabled, retained, keepMin, keepMax);
    }

    private static EmrConfig emrConfig(FieldReader fields) {
        var release = fields.requiredString("release_label", "set it to an EMR release, e.g. emr-7.5.0");
        if (release != null && !RELEASE_LABEL.matcher(release).matches()) {
            fields.problem("release_label", "must look like emr-7.5.0, got '" + release + "'");
        } else if (release != null && !EmrReleases.supports(release)) {
            fields.problem("release_label", EmrReleases.whyNot(release));
        }
        var master = instanceGroup(fields, "master", EmrConfig.DEFAULT_MASTER_COUNT);
        var worker = instanceGroup(fields, "worker", -1);
        if (master.count() != 1 && master.count() != 3 && master.count() != -1) {
            fields.problem("master.count", "must be 1 or 3 (EMR primary nodes), got " + master.count());
        }
        var parallelism = fields.integer("step_parallelism", EmrConfig.DEFAULT_STEP_PARALLELISM, 1);
        var maximize = fields.bool("maximize_resource_allocation", false);
        fields.finish();
        return new EmrConfig(orEmpty(release), master, worker, parallelism, maximize);
    }

    private static InstanceGroup instanceGroup(FieldReader parent, String name, int defaultCount) {
        var group = parent.object(name);
        if (group.isEmpty()) {
            if (parent.raw(name).isEmpty()) {
                parent.problem(
                        name,
                        "is required; set " + name + ".instance_type (e.g. m5.xlarge)"
                                + (defaultCount < 0 ? " and " + name + ".count" : ""));
            }
            return new InstanceGroup("", defaultCount);
        }
        var fields = group.get();
        var type = fields.requiredString("instance_type", "set it to an EC2 instance type, e.g. m5.xlarge");
        if (type != null && !EmrReleases.isInstanceType(type)) {
            fields.problem(
                    "instance_type",
                    "is '" + type + "', which is no EC2 instance type (family.size, e.g. m5.xlarge"
                            + " or r5.2xlarge); EMR's RunJobFlow would refuse it");
        }
        var count = defaultCount < 0
                ? fields.requiredInteger("count", 1, "set it to the number of instances, e.g. 2")
                : fields.integer("count", defaultCount, 1);
        fields.finish();
        return new InstanceGroup(orEmpty(type), count);
    }

    private Optional<ConfigItem> systemStep(String identifier, TableName table, FieldReader fields) {
        var enabled = fields.bool("enabled", true);
        var hudi = fields.object("hudi_config").map(ItemParser::hudiConfig);
        if (hudi.isEmpty() && fields.raw("hudi_config").isEmpty()) {
            fields.problem("hudi_config", "is required; set at least primary_key (or key_strategy all_columns)");
        }
        var jdbc = fields.stringMap("spark_jdbc_config");
        checkJdbc(fields, jdbc);
        var sparkConf = new EnumMap<PipelineType, Map<String, String>>(PipelineType.class);
        fields.object("spark_conf").ifPresent(conf -> {
            for (var name : conf.fieldNames()) {
                var type = PipelineType.fromSystemName(name);
                if (type.isPresent()) {
                    var values = conf.stringMap(name);
                    checkSparkConf(conf, name + ".", values);
                    sparkConf.put(type.get(), values);
                } else {
                    conf.raw(name);
                    conf.problem(
                            name,
                            "is not a system pipeline type" + Suggestions.didYouMean(name, PipelineType.systemNames()));
                }
            }
            conf.finish();
        });
        var engine = fields.enumValue("engine", StepEngine.class, StepEngine.SPARK);
        var stepGroup = stepGroup(fields, engine);
        return hudi.map(
                config -> new SystemStepConfig(identifier, table, enabled, config, jdbc, sparkConf, engine, stepGroup));
    }

    private static Optional<String> stepGroup(FieldReader fields, StepEngine engine) {
        var group = fields.optionalString("step_group");
        group.filter(name -> !NAME.matcher(name).matches())
                .ifPresent(name -> fields.problem(
                        "step_group",
                        "must be lower case letters, digits and _ (starting with a letter), got '" + name + "'"));
        if (group.isPresent() && engine == StepEngine.DELTASTREAMER) {
            fields.problem(
                    "step_group",
                    "cannot be set with engine deltastreamer: a HoodieStreamer step applies one table;"
                            + " remove step_group, or remove engine to apply the table with lakepipe's Spark apply");
        }
        return group.filter(name -> NAME.matcher(name).matches());
    }

    private static final Map<String, String> UNSUPPORTED_INDEXES = Map.of(
            "BUCKET", " (a bucket index needs seed_hudi to write the bucket layout, which it does not yet)",
            "RECORD_INDEX", " (the record index lives in the metadata table, which lakepipe's writers keep off)",
            "HBASE", " (an HBase index needs an HBase cluster)",
            "GLOBAL_HBASE", " (an HBase index needs an HBase cluster)",
            "INMEMORY", " (an in-memory index forgets every key between runs)");

    private static HudiConfig hudiConfig(FieldReader fields) {
        var strategy = fields.enumValue("key_strategy", KeyStrategy.class, KeyStrategy.PRIMARY_KEY);
        var primaryKey = fields.stringList("primary_key");
        if (strategy == KeyStrategy.PRIMARY_KEY && primaryKey.isEmpty()) {
            fields.problem(
                    "primary_key",
                    "is required; list the key columns (e.g. \"ol_w_id,ol_d_id,ol_o_id,ol_number\"),"
                            + " or set key_strategy to all_columns for a table without a primary key");
        }
        if (strategy == KeyStrategy.ALL_COLUMNS && !primaryKey.isEmpty()) {
            fields.problem(
                    "primary_key",
                    "must be absent when key_strategy is all_columns (every column is the key);"
                            + " remove primary_key or key_strategy");
        }
        primaryKey.stream()
                .filter(column -> !TableName.IDENTIFIER.matcher(column).matches())
                .forEach(column -> fields.problem("primary_key", "holds an invalid column name: '" + column + "'"));
        var watermark = fields.optionalString("watermark").orElse(HudiConfig.DEFAULT_WATERMARK);
        var partitioned = fields.bool("is_partitioned", false);
        var partitionPath = fields.optionalString("partition_path");
        if (partitioned && partitionPath.isEmpty()) {
            fields.problem(
                    "partition_path",
                    "is required when is_partitioned is true; set it to the partition column"
                            + " (e.g. ol_w_id) or set is_partitioned to false");
        }
        if (partitioned
                && strategy == KeyStrategy.PRIMARY_KEY
                && !primaryKey.isEmpty()
                && partitionPath.filter(column -> !primaryKey.contains(column)).isPresent()) {
            fields.problem(
                    "partition_path",
                    "must be one of the primary_key columns (" + String.join(", ", primaryKey)
                            + "), got '" + partitionPath.get()
                            + "': a row whose partition value changes would otherwise live in"
                            + " two partitions");
        }
        if (!partitioned && partitionPath.isPresent()) {
            fields.problem(
                    "partition_path",
                    "is set but is_partitioned is false; set is_partitioned to true or remove partition_path");
        }
        var tableType = fields.enumValue("table_type", TableType.class, TableType.COPY_ON_WRITE);
        var transformerSql = fields.optionalString("transformer_sql");
        transformerSql
                .filter(sql -> !sql.contains("<SRC>"))
                .ifPresent(sql -> fields.problem(
                        "transformer_sql",
                        "must read the incoming rows as <SRC>, e.g. SELECT *, upper(c_last) AS c_last_uc FROM <SRC>"));
        var override = fields.optionalString("override_target_table_name");
        override.filter(name -> !NAME.matcher(name).matches())
                .ifPresent(name -> fields.problem(
                        "override_target_table_name", "must be lower case letters, digits and _, got '" + name + "'"));
        var extractor = fields.optionalString("partition_extractor_class");
        var index = indexType(fields);
        fields.finish();
        return new HudiConfig(
                strategy,
                strategy == KeyStrategy.PRIMARY_KEY ? primaryKey : List.of(),
                watermark,
                partitioned,
                partitioned ? partitionPath : Optional.empty(),
                tableType,
                transformerSql,
                override,
                extractor,
                index);
    }

    /**
     * {@code hudi_config.index_type}. Hudi's other indexes are refused with the reason: BUCKET and RECORD_INDEX keep
     * index state that seed_hudi would have to write (a bucket layout, the metadata table), HBASE needs a server.
     */
    private static Optional<IndexType> indexType(FieldReader fields) {
        var text = fields.optionalString("index_type").map(value -> value.trim().toUpperCase(Locale.ROOT));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var known = Arrays.stream(IndexType.values())
                .filter(type -> type.name().equals(text.get()))
                .findFirst();
        if (known.isEmpty()) {
            var supported = Arrays.stream(IndexType.values()).map(Enum::name).toList();
            fields.problem(
                    "index_type",
                    "must be one of " + String.join(" | ", supported) + ", got '" + text.get() + "'"
                            + UNSUPPORTED_INDEXES.getOrDefault(text.get(), "")
                            + "; remove index_type to let lakepipe choose from the key shape");
        }
        return known;
    }

    private static void checkJdbc(FieldReader fields, Map<String, String> jdbc) {
        FORBIDDEN_JDBC_OPTIONS.stream()
                .filter(jdbc::containsKey)
                .forEach(option -> fields.problem(
                        "spark_jdbc_config." + option,
                        "must not be set: the connection and credentials come from"
                                + " the database::config secret; remove it"));
        var present = JDBC_PARTITIONING.stream().filter(jdbc::containsKey).toList();
        if (!present.isEmpty() && present.size() < JDBC_PARTITIONING.size()) {
            JDBC_PARTITIONING.stream()
                    .filter(option -> !jdbc.containsKey(option))
                    .forEach(
                            option -> fields.problem(
                                    "spark_jdbc_config." + option,
                                    "is required with " + String.join(", ", present)
                                            + " (Spark needs partitionColumn, lowerBound, upperBound and numPartitions together)"));
            return;
        }
        if (present.isEmpty()) {
            return;
        }
        var lower = parseLong(fields, "spark_jdbc_config.lowerBound", jdbc.get("lowerBound"));
        var upper = parseLong(fields, "spark_jdbc_config.upperBound", jdbc.get("upperBound"));
        var partitions = parseLong(fields, "spark_jdbc_config.numPartitions", jdbc.get("numPartitions"));
        if (lower != null && upper != null && lower >= upper) {
            fields.problem(
                    "spark_jdbc_config.upperBound", "must be greater than lowerBound (" + lower + "), got " + upper);
        }
        if (partitions != null && partitions < 1) {
            fields.problem("spark_jdbc_config.numPartitions", "must be at least 1, got " + partitions);
        }
    }

    private static Long parseLong(FieldReader fields, String field, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            fields.problem(field, "must be an integer, got '" + value + "'");
            return null;
        }
    }

    static void checkSparkConf(FieldReader fields, String path, Map<String, String> conf) {
        conf.keySet().stream()
                .filter(key -> !key.startsWith("spark."))
                .forEach(key -> fields.problem(
                        path + key,
                        "is not a Spark property (spark-submit ignores --conf keys not starting with"
                                + " spark.); did you mean spark." + key + "?"));
    }

    private Optional<ConfigItem> customStep(String identifier, String pipeline, String step, FieldReader fields) {
        var enabled = fields.bool("enabled", true);
        var sparkConf = fields.stringMap("spark_conf");
        checkSparkConf(fields, "spark_conf.", sparkConf);
        var entrypoint = fields.object("entrypoint").map(reader -> {
            var className = reader.requiredString(
                    "class", "set it to the step's main class, e.g. dev.lakepipe.steps.gold.DenormalizeOrderLine");
            if (className != null && !JAVA_CLASS.matcher(className).matches()) {
                reader.problem("class", "must be a fully qualified Java class name, got '" + className + "'");
            }
            var args = reader.stringList("args");
            reader.finish();
            return new Entrypoint(orEmpty(className), args);
        });
        if (entrypoint.isEmpty() && fields.raw("entrypoint").isEmpty()) {
            fields.problem("entrypoint", "is required; set entrypoint.class (and optionally entrypoint.args)");
        }
        return entrypoint.map(value -> new CustomStepConfig(identifier, pipeline, step, enabled, sparkConf, value));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
