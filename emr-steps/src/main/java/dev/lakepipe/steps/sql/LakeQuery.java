package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
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
    private final ReadOnlyStatement readOnly;

    public LakeQuery(SparkSession spark, LakeTables tables) {
        this.spark = requireNonNull(spark, "spark is null");
        this.tables = requireNonNull(tables, "tables is null");
        this.qualifiedNames = new QualifiedNames(tables.qualifiedNames());
        this.readOnly = new ReadOnlyStatement(tables);
    }

    /** Runs {@code sql}, whose tables are named by view name ({@code table}) or as in Glue ({@code database.table}). */
    public Dataset<Row> run(String sql) {
        var query = qualifiedNames.rewrite(sql);
        requireReadOnly(query);
        Dataset<Row> result;
        try {
            result = spark.sql(query);
        } catch (Exception e) {
            throw translate(e);
        }
        ReadOnlyStatement.checkAnalyzed(result.queryExecution().analyzed());
        return result;
    }

    private LakepipeException translate(Exception failure) {
        if (failure instanceof ParseException e) {
            return invalidSql(e);
        }
        if (failure instanceof AnalysisException e) {
            if ("TABLE_OR_VIEW_NOT_FOUND".equals(e.getErrorClass())) {
                return tables.unknownTable(e.getMessageParameters()
                        .getOrDefault("relationName", "?")
                        .replace("`", ""));
            }
            return new LakepipeException(e, "Invalid query: %s", e.getSimpleMessage());
        }
        return new LakepipeException(failure, "Query failed: %s", failure.getMessage());
    }

    /** Commands run when Spark analyzes them, so the parsed statement is checked before (see {@link ReadOnlyStatement}). */
    private void requireReadOnly(String sql) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (Exception e) {
            throw translate(e);
        }
        readOnly.check(plan);
    }

    private static LakepipeException invalidSql(ParseException e) {
        return new LakepipeException(e, "Invalid SQL: %s", e.getMessage().strip());
    }
}
