package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TrinoQueriesTest {

    @Test
    void pointsTimeTravelToTheSparkEngine() {
        var refused = TrinoQueries.refused(new SQLException(
                "Query failed (#20261207_165041_00012_eads7): This connector does not support versioned tables"));

        assertThat(refused)
                .hasMessage("Invalid query: Query failed (#20261207_165041_00012_eads7): This connector does not"
                        + " support versioned tables; Trino (like Athena) has no time travel on Hudi tables: run it"
                        + " with 'lakepipe sql --engine spark --as-of <instant>' (docs/querying.md)");
    }

    @Test
    void saysThatPipelinesWriteTheLake() {
        var refused = TrinoQueries.refused(new SQLException(
                "Query failed (#1): Access Denied: Cannot drop table awsdatacatalog.tpcc_lake.tpcc_public_item"));

        assertThat(refused)
                .hasMessageEndingWith("lakepipe sql only reads the lake's tables; the lake is written by its pipelines"
                        + " only ('lakepipe run <pipeline>')");
    }
}
