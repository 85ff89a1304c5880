package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import dev.lakepipe.steps.catalog.CatalogEntry;
import dev.lakepipe.steps.catalog.CatalogViews;
import dev.lakepipe.steps.catalog.GlueTable;
import dev.lakepipe.steps.catalog.LocalCatalog;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * A step's Spark SQL with the lake's tables named as Spark names them on EMR, so one query text runs the same locally
 * and on AWS. On EMR Spark's catalog is Glue and its current database is {@code default}, where lakepipe creates
 * nothing: a query names a table {@code <database>.<table>}, and an unqualified name finds no table. Locally each
 * {@code database.table} of the local catalog that the query names is looked up (recording the Glue calls it stands
 * for), read into a temporary view named {@code database.table} (one name part) and the name rewritten to it; an
 * unqualified name finds no view. Both places refuse an unknown table with the name to write.
 */
public final class GlueSql {

    private final SparkSession spark;
    private final Optional<LocalCatalog> catalog;
    private final String database;

    /**
     * @param catalog the local catalog, empty on EMR (Glue is Spark's catalog there)
     * @param database the step's Glue database, suggested for an unqualified name
     */
    public GlueSql(SparkSession spark, Optional<LocalCatalog> catalog, String database) {
        this.spark = requireNonNull(spark, "spark is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * Analyzes the query {@code sql}; throws a {@link LakepipeException} for a statement that is not a query (Spark would
     * run a command such as DROP TABLE right away) or naming an unknown table.
     */
    public Dataset<Row> run(String sql) {
        requireNonNull(sql, "sql is null");
        var query = catalog.map(local -> viewsOf(local, sql)).orElse(sql);
        try {
            ReadOnlyStatement.checkStepQuery(spark.sessionState().sqlParser().parsePlan(query));
            return spark.sql(query);
        } catch (AnalysisException e) {
            // The parser declares its ParseException (an AnalysisException); Spark's analysis throws it undeclared.
            throw "TABLE_OR_VIEW_NOT_FOUND".equals(e.getErrorClass())
                    ? unknownTable(e, e.getMessageParameters().getOrDefault("relationName", "?"))
                    : new LakepipeException(e, "Invalid query: %s", e.getSimpleMessage());
        }
    }

    /** Registers the catalog tables {@code sql} names by database and returns it with those names rewritten to the views. */
    private String viewsOf(LocalCatalog local, String sql) {
        var entries = new LinkedHashMap<String, CatalogEntry>();
        var tables = new LinkedHashMap<String, GlueTable>();
        for (var entry : local.entries()) {
            for (var table : GlueTable.of(entry)) {
                entries.put(entry.database() + "." + table.name(), entry);
                tables.put(entry.database() + "." + table.name(), table);
            }
        }
        var named = new LinkedHashSet<String>();
        var query = QualifiedNames.aliased(
                        entries.keySet().stream().collect(Collectors.toMap(name -> name, name -> name)))
                .rewrite(sql, named::add);
        for (var view : named) {
            var entry = entries.get(view);
            var found = local.lookUp(entry.database(), entry.table())
                    .orElseThrow(() -> new LakepipeException(
                            "Table %s left the catalog while the query was read; run the step again", view));
            CatalogViews.register(spark, found, tables.get(view).readOptions(), view);
        }
        return query;
    }

    private LakepipeException unknownTable(AnalysisException e, String relationName) {
        List<String> parts;
        try {
            parts = JavaConverters.seqAsJavaList(
                    spark.sessionState().sqlParser().parseMultipartIdentifier(relationName));
        } catch (Exception unparsable) {
            parts = List.of(relationName);
        }
        var name = String.join(".", parts);
        if (parts.size() == 1) {
            return new LakepipeException(
                    e,
                    "Unknown table %s: name tables with their Glue database, %s.%s (on EMR Spark's catalog is Glue,"
                            + " whose current database is default)",
                    name,
                    database,
                    name);
        }
        var known = catalog.map(local -> "; tables of the catalog: "
                        + local.entries().stream()
                                .flatMap(entry -> GlueTable.of(entry).stream()
                                        .map(table -> entry.database() + "." + table.name()))
                                .collect(Collectors.joining(", ")))
                .orElse("");
        return new LakepipeException(e, "Unknown table %s: not in the catalog%s", name, known);
    }
}
