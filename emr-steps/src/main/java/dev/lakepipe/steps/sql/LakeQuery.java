package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Runs one read-only Spark SQL statement over the {@link LakeTables}, turning Spark's errors into ones that name the
 * culprit: a table that is not in the catalog (listing the known ones), SQL that does not parse, a statement that
 * would change something (the lake is written by pipelines only).
 */
public final class LakeQuery {

    private final SparkSession spark;
    private final LakeTables tables;
    private final QualifiedNames qualifiedNames;

    public LakeQuery(SparkSession spark, LakeTables tables) {
        this.spark = requireNonNull(spark, "spark is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.qualifiedNames = new QualifiedNames(tables.qualifiedNames());
    }

    /** Runs {@code sql}, whose tables are named by view name ({@code table}) or as in Glue ({@code database.table}). */
    public Dataset<Row> run(String sql) {
        var query = qualifiedNames.rewrite(sql);
        requireReadOnly(query);
        try {
            return spark.sql(query);
        } catch (Exception e) {
            throw translate(e);
        }
    }

    private LakepipeException translate(Exception failure) {
        if (failure instanceof ParseException e) {
            return invalidSql(e);
        }
        if (failure instanceof AnalysisException e) {
            if ("TABLE_OR_VIEW_NOT_FOUND".equals(e.getErrorClass())) {
                var name = e.getMessageParameters().getOrDefault("relationName", "?").replace("`", "");
                var reason = tables.skipped().get(name);
                if (reason != null) {
                    return new LakepipeException("Table %s cannot be read in this mode: %s", name, reason);
                }
                return new LakepipeException("Unknown table %s; known tables: %s", name, tables.summary());
            }
            return new LakepipeException(e, "Invalid query: %s", e.getSimpleMessage());
        }
        return new LakepipeException(failure, "Query failed: %s", failure.getMessage());
    }

    /** Commands run when Spark parses them, so they are checked before: only SHOW, DESCRIBE and EXPLAIN may run. */
    private void requireReadOnly(String sql) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (Exception e) {
            throw translate(e);
        }
        var name = plan.getClass().getSimpleName();
        if (plan instanceof Command && !(name.startsWith("Show") || name.startsWith("Describe") || name.startsWith("Explain"))) {
            throw new LakepipeException("Invalid query: %s statements are not allowed; lakepipe sql only reads"
                    + " (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN): pipelines write the lake", name);
        }
    }

    private static LakepipeException invalidSql(ParseException e) {
        return new LakepipeException(e, "Invalid SQL: %s", e.getMessage().strip());
    }
}
