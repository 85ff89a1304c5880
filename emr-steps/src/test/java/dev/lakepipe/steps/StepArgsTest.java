package dev.lakepipe.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepArgsTest {

    @Test
    void aRepeatedNameKeepsEveryValueInOrder() {
        var args = StepArgs.parse("seed_hudi", "--config", "c", "--table", "public.b", "--table", "public.a");

        assertThat(args.all("table")).containsExactly("public.b", "public.a");
        assertThat(args.required("config")).isEqualTo("c");
    }

    @Test
    void aNameThatTakesOneValueRefusesARepeatAndAListRefusesTheSameValueTwice() {
        var args = StepArgs.parse("seed_hudi", "--config", "c", "--config", "d", "--table", "t", "--table", "t");

        assertThatThrownBy(() -> args.required("config"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage("Invalid seed_hudi arguments: --config is given 2 times (c, d); it takes one value");
        assertThatThrownBy(() -> args.all("table"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage("Invalid seed_hudi arguments: --table t is given twice");
        assertThatThrownBy(() -> args.all("mode"))
                .isInstanceOf(StepArgs.UsageException.class)
                .hasMessage("Invalid seed_hudi arguments: --mode is required");
        assertThat(StepArgs.parse("x", "--table", "a").values()).containsEntry("table", List.of("a"));
    }
}
