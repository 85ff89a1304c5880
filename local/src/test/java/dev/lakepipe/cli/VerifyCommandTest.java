package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.steps.VerifyStep;
import org.junit.jupiter.api.Test;

/** What {@code verify --reload-on-mismatch} reads from the live verify step's report. */
class VerifyCommandTest {

    @Test
    void theStepsVerdictLineIsTheOneTheCommandReads() {
        assertThat(VerifyCommand.PERSISTENT_LINE).isEqualTo(VerifyStep.PERSISTENT_LINE);
    }

    @Test
    void readsEveryTableOfTheVerdictLine() {
        var report = """
                table                     keys compared  re-checked  persistent  result
                public.orders                      3012          14           1  DIFFERENT
                  persistent differences (sample): [1,1,2]
                public.item                        1000           2           1  DIFFERENT
                  persistent differences (sample): [7]
                verify --live: 4012 keys compared, 16 re-checked, 2 persistent differences
                verify: tables that differ persistently: public.orders public.item
                """;

        assertThat(VerifyCommand.persistentTables(report)).containsExactly("public.orders", "public.item");
    }

    @Test
    void aReportWithoutTheVerdictLineNamesNoTable() {
        assertThat(VerifyCommand.persistentTables("verify: all 9 tables equal\n"))
                .isEmpty();
    }
}
