package dev.lakepipe.steps.sql;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunctionName;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Expand;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LateralJoin;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Pivot;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Repartition;
import org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Tail;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.Unpivot;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.Window;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import scala.collection.JavaConverters;

/**
 * The read-only rule of {@code lakepipe sql}, as an allow-list over the whole parsed plan (subqueries and common table
 * expressions included): a query built only of relational operators over the catalog's tables, or SHOW, DESCRIBE and
 * EXPLAIN of them. Anything else is refused before Spark sees it, whatever it is: a write (INSERT, INSERT OVERWRITE
 * DIRECTORY, CTAS, CACHE), a session change (SET, USE, ADD JAR), a procedure, a script (TRANSFORM), a table-valued
 * function, or a read of a path or table outside the catalog ({@code parquet.`/path`}). A new Spark statement is refused
 * until it is added here, so a Spark upgrade cannot open a hole.
 */
final class ReadOnlyStatement {

    static final String ALLOWED = "SELECT, WITH, VALUES, SHOW, DESCRIBE, EXPLAIN";

    /** Relational operators of a parsed query; leaves are checked one by one. */
    private static final Set<Class<?>> QUERY_OPERATORS = Set.of(
            Project.class,
            Filter.class,
            Aggregate.class,
            Join.class,
            LateralJoin.class,
            Sort.class,
            GlobalLimit.class,
            LocalLimit.class,
            Offset.class,
            Tail.class,
            Union.class,
            Intersect.class,
            Except.class,
            Distinct.class,
            Window.class,
            WithWindowDefinition.class,
            SubqueryAlias.class,
            UnresolvedWith.class,
            UnresolvedHaving.class,
            UnresolvedSubqueryColumnAliases.class,
            Generate.class,
            Expand.class,
            Sample.class,
            Pivot.class,
            Unpivot.class,
            UnresolvedHint.class,
            RepartitionByExpression.class,
            Repartition.class,
            OneRowRelation.class,
            LocalRelation.class,
            UnresolvedInlineTable.class,
            UnresolvedRelation.class);

    /** Statements that only describe catalog objects; the tables they name are checked. */
    private static final Set<Class<?>> DESCRIBING = Set.of(
            ShowTables.class,
            ShowViews.class,
            ShowColumns.class,
            ShowFunctions.class,
            ShowCreateTable.class,
            ShowTableProperties.class,
            ShowNamespaces.class,
            ShowCurrentNamespaceCommand.class,
            DescribeRelation.class,
            DescribeColumn.class,
            DescribeNamespace.class,
            DescribeFunction.class,
            UnresolvedNamespace.class,
            UnresolvedFunctionName.class,
            UnresolvedTableOrView.class,
            UnresolvedTable.class);

    private final LakeTables tables;
    private final Set<String> views = new HashSet<>();
    private final Set<String> databases = new HashSet<>();

    ReadOnlyStatement(LakeTables tables) {
        this.tables = requireNonNull(tables, "tables is null");
        tables.registered().forEach(view -> views.add(lower(view)));
        tables.qualifiedNames().keySet().forEach(name -> databases.add(lower(name.substring(0, name.indexOf('.')))));
    }

    /** Throws a {@link LakepipeException} naming the statement kind and the fix unless {@code statement} only reads the catalog. */
    void check(LogicalPlan statement) {
        requireNonNull(statement, "statement is null");
        if (statement instanceof ExplainCommand explain) {
            check(explain.logicalPlan());
        } else if (statement instanceof DescribeQueryCommand describe) {
            check(describe.plan());
        } else if (DESCRIBING.contains(statement.getClass())) {
            plans(statement).forEach(this::checkDescribed);
        } else if (QUERY_OPERATORS.contains(statement.getClass())) {
            checkQuery(statement, cteNames(statement));
        } else {
            throw notAllowed(kind(statement) + " statements are");
        }
    }

    /**
     * The rule of a step's SQL ({@link GlueSql}): one query built only of relational operators. Its table names are
     * not checked here: Glue resolves them on EMR, the local catalog here.
     */
    static void checkStepQuery(LogicalPlan statement) {
        requireNonNull(statement, "statement is null");
        for (var node : plans(statement)) {
            if (!QUERY_OPERATORS.contains(node.getClass())) {
                throw new LakepipeException(
                        "Invalid query: %s %s not allowed in a step's SQL; it must be one query (SELECT, WITH or"
                                + " VALUES) whose rows the step writes to its own table",
                        kind(node), node == statement ? "statements are" : "inside a query is");
            }
        }
    }

    /**
     * Refuses a query whose result would run a Java method ({@code reflect}, {@code java_method}); checked on the
     * analyzed plan, where every spelling of a function call has become the same expression.
     */
    static void checkAnalyzed(LogicalPlan analyzed) {
        for (var plan : plans(analyzed)) {
            for (var expression : JavaConverters.seqAsJavaList(plan.expressions())) {
                if (anyExpression(expression, CallMethodViaReflection.class::isInstance)) {
                    throw new LakepipeException(
                            "Invalid query: calling Java methods (reflect, java_method) is not allowed; lakepipe sql"
                                    + " only reads the catalog tables with Spark's SQL functions");
                }
            }
        }
    }

    private void checkDescribed(LogicalPlan node) {
        if (!DESCRIBING.contains(node.getClass())) {
            throw notAllowed(kind(node) + " inside SHOW or DESCRIBE is");
        }
        if (node instanceof UnresolvedTableOrView table) {
            checkTableName(JavaConverters.seqAsJavaList(table.multipartIdentifier()));
        } else if (node instanceof UnresolvedTable table) {
            checkTableName(JavaConverters.seqAsJavaList(table.multipartIdentifier()));
        }
    }

    private void checkQuery(LogicalPlan query, Set<String> cteNames) {
        for (var node : plans(query)) {
            if (!QUERY_OPERATORS.contains(node.getClass())) {
                throw notAllowed(kind(node) + " inside a query is");
            }
            if (node instanceof UnresolvedRelation relation) {
                var name = JavaConverters.seqAsJavaList(relation.multipartIdentifier());
                if (!(name.size() == 1 && cteNames.contains(lower(name.get(0))))) {
                    checkTableName(name);
                }
            }
        }
    }

    private void checkTableName(List<String> name) {
        var text = String.join(".", name);
        if (name.size() == 1 && views.contains(lower(name.get(0)))) {
            return;
        }
        if (name.size() == 1 || name.size() == 2 && databases.contains(lower(name.get(0)))) {
            throw tables.unknownTable(text);
        }
        throw new LakepipeException(
                "Invalid query: %s is not a catalog table; lakepipe sql reads only the catalog tables, not files"
                        + " or tables outside it (a file reaches the lake through a pipeline); known tables: %s",
                quoted(name), tables.summary());
    }

    /** Every plan under {@code root}: children, subqueries of expressions, and inner plans such as common table expressions. */
    private static List<LogicalPlan> plans(LogicalPlan root) {
        var found = new ArrayList<LogicalPlan>();
        var pending = new ArrayList<QueryPlan<?>>(List.of(root));
        while (!pending.isEmpty()) {
            var plan = pending.remove(pending.size() - 1);
            if (plan instanceof LogicalPlan logical) {
                found.add(logical);
            }
            pending.addAll(JavaConverters.seqAsJavaList(plan.children()));
            pending.addAll(JavaConverters.seqAsJavaList(plan.innerChildren()));
            for (var expression : JavaConverters.seqAsJavaList(plan.expressions())) {
                subqueries(expression, pending);
            }
        }
        return found;
    }

    private static void subqueries(Expression expression, List<QueryPlan<?>> into) {
        if (expression instanceof PlanExpression<?> subquery) {
            into.add((QueryPlan<?>) subquery.plan());
        }
        JavaConverters.seqAsJavaList(expression.children()).forEach(child -> subqueries(child, into));
    }

    private static Set<String> cteNames(LogicalPlan query) {
        var names = new HashSet<String>();
        for (var node : plans(query)) {
            if (node instanceof UnresolvedWith with) {
                JavaConverters.seqAsJavaList(with.cteRelations()).forEach(relation -> names.add(lower(relation._1())));
            }
        }
        return names;
    }

    private static LakepipeException notAllowed(String what) {
        return new LakepipeException(
                "Invalid query: %s not allowed; lakepipe sql only reads the catalog tables (%s);"
                        + " the lake is written by its pipelines only ('lakepipe run <pipeline>')",
                what, ALLOWED);
    }

    private static boolean anyExpression(Expression expression, Predicate<Expression> test) {
        return test.test(expression)
                || JavaConverters.seqAsJavaList(expression.children()).stream()
                        .anyMatch(child -> anyExpression(child, test));
    }

    /** The statement kind as Spark names its plan node (Scala objects' classes end in '$'). */
    private static String kind(LogicalPlan node) {
        return node.getClass().getSimpleName().replace("$", "");
    }

    private static String quoted(List<String> name) {
        return String.join(
                ".",
                name.stream().map(part -> "`" + part.replace("`", "``") + "`").toList());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
