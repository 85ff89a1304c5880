package dev.lakepipe.sqlclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {

    private static final List<ResultColumn> COLUMNS =
            List.of(new ResultColumn("w_id", true), new ResultColumn("w_name", false));
    private static final List<String[]> ROWS =
            List.of(new String[] {"1", "north, \"old\""}, new String[] {"12", null}, new String[] {"3", "south"});

    private final StringWriter out = new StringWriter();
    private final StringWriter notes = new StringWriter();

    @Test
    void alignsATableAndCountsItsRows() {
        print(SqlFormat.TABLE, 0);

        assertThat(out.toString()).isEqualTo("""
                        w_id | w_name
                        -----+-------------
                           1 | north, "old"
                          12 | NULL
                           3 | south
                        """);
        assertThat(notes.toString()).isEqualTo("(3 rows)\n");
    }

    @Test
    void quotesCsvAndLeavesNullEmpty() {
        print(SqlFormat.CSV, 0);

        assertThat(out.toString()).isEqualTo("w_id,w_name\n1,\"north, \"\"old\"\"\"\n12,\n3,south\n");
        assertThat(notes.toString()).isEmpty();
    }

    @Test
    void printsJsonLinesAndSaysWhenMoreRowsMatchThanTheLimit() {
        print(SqlFormat.JSON, 2);

        assertThat(out.toString())
                .isEqualTo("{\"w_id\":\"1\",\"w_name\":\"north, \\\"old\\\"\"}\n{\"w_id\":\"12\",\"w_name\":null}\n");
        assertThat(notes.toString())
                .isEqualTo("(first 2 rows shown; more rows match: raise --limit, or --limit 0 for all)\n");
    }

    @Test
    void readsOneRowPastTheLimitOnly() {
        var printer = new ResultPrinter(SqlFormat.CSV, 1);
        var rows = ROWS.iterator();

        printer.print(COLUMNS, rows, new PrintWriter(out), new PrintWriter(notes));

        assertThat(printer.rowsToRead()).isEqualTo(2);
        assertThat(rows.next()).as("the third row, never read").containsExactly("3", "south");
    }

    @Test
    void takesAStatementWithoutItsTrailingSemicolon() {
        assertThat(ResultPrinter.statementText("  select 1;\n")).isEqualTo("select 1");
    }

    @Test
    void takesAFormatInAnyCaseAndNamesTheChoices() {
        assertThat(SqlFormat.of("Csv")).contains(SqlFormat.CSV);
        assertThat(SqlFormat.of("xml")).isEmpty();
        assertThat(SqlFormat.choices()).isEqualTo("table, csv, json");
    }

    private void print(SqlFormat format, int limit) {
        new ResultPrinter(format, limit).print(COLUMNS, ROWS.iterator(), new PrintWriter(out), new PrintWriter(notes));
    }
}
