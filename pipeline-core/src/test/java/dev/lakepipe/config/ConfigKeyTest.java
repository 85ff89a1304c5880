package dev.lakepipe.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void parsesEachItemKind() {
        assertThat(ConfigKey.parse("database::config")).isEqualTo(new ConfigKey.Database());
        assertThat(ConfigKey.parse("pipeline::system::seed_hudi"))
                .isEqualTo(new ConfigKey.SystemPipeline("seed_hudi", PipelineType.SEED_HUDI));
        assertThat(ConfigKey.parse("pipeline::custom::consumption"))
                .isEqualTo(new ConfigKey.CustomPipeline("consumption"));
        assertThat(ConfigKey.parse("step::system::public.order_line"))
                .isEqualTo(new ConfigKey.SystemStep(TableName.parse("public.order_line")));
        assertThat(ConfigKey.parse("step::consumption::gold"))
                .isEqualTo(new ConfigKey.CustomStep("consumption", "gold"));
    }

    @Test
    void saysWhyAKeyNamesNoKind() {
        assertThat(ConfigKey.parse("pipeline::system::seed_hud"))
                .isInstanceOfSatisfying(
                        ConfigKey.Invalid.class,
                        invalid -> assertThat(invalid.reason()).startsWith("names no system pipeline: 'seed_hud'"));
        assertThat(ConfigKey.parse("pipeline::custom::jdbc_load"))
                .isInstanceOfSatisfying(
                        ConfigKey.Invalid.class,
                        invalid -> assertThat(invalid.reason())
                                .startsWith("uses the reserved name 'jdbc_load' for a custom pipeline"));
        assertThat(ConfigKey.parse("step::consumption::Gold"))
                .isEqualTo(new ConfigKey.Invalid(
                        "has an invalid step name: 'Gold'; use lower case letters, digits and _"));
        assertThat(ConfigKey.parse("step::a::b::c"))
                .isEqualTo(new ConfigKey.Invalid("is not step::<custom pipeline>::<step>: 'step::a::b::c'"));
        assertThat(ConfigKey.parse("table::public.t"))
                .isInstanceOfSatisfying(
                        ConfigKey.Invalid.class,
                        invalid -> assertThat(invalid.reason())
                                .endsWith("(table::<schema.table> is now step::system::<schema.table>)"));
    }
}
