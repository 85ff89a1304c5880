package dev.lakepipe.sqlclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryFailuresTest {

    @Test
    void pointsTimeTravelToTheSparkEngine() {
        var refused = QueryFailures.refused(
                "Query failed (#20261207_165041_00012_eads7): This connector does not support versioned tables", null);

        assertThat(refused)
                .hasMessage("Invalid query: Query failed (#20261207_165041_00012_eads7): This connector does not"
                        + " support versioned tables; Trino (like Athena) has no time travel on Hudi tables: run it"
                        + " with 'lakepipe sql --engine spark --as-of <instant>' (docs/querying.md)");
    }

    @Test
    void saysThatPipelinesWriteTheLake() {
        var refused = QueryFailures.refused(
                "Query failed (#1): Access Denied: Cannot drop table awsdatacatalog.tpcc_lake.tpcc_public_item", null);

        assertThat(refused)
                .hasMessageEndingWith("lakepipe sql only reads the lake's tables; the lake is written by its pipelines"
                        + " only ('lakepipe run <pipeline>')");
    }

    @Test
    void pointsAnUnknownTableToShowTables() {
        var refused = QueryFailures.refused(
                "Query failed (#1): line 1:15: Table 'awsdatacatalog.tpcc_lake.nope' does not exist", null);

        assertThat(refused)
                .hasMessage("Query failed: Query failed (#1): line 1:15: Table 'awsdatacatalog.tpcc_lake.nope' does"
                        + " not exist; 'SHOW TABLES' lists the tables the lake's catalog has");
    }
}
