package dev.lakepipe.steps.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DictionaryColumnsTest {

    private static final int PAGE = 1024 * 1024;

    @Test
    void keepsTheDictionaryOfAFewRepeatedValues() {
        assertThat(DictionaryColumns.isPlain(10, 4, 375_000, PAGE)).isFalse();
        assertThat(DictionaryColumns.isPlain(100_000, 4, 375_000, PAGE))
                .as("100k ids fit the page, each repeats ~4 times")
                .isFalse();
    }

    @Test
    void writesPlainWhatWouldOutgrowTheDictionaryPage() {
        assertThat(DictionaryColumns.isPlain(30_000, 50, 375_000, PAGE))
                .as("30k x 54 bytes > 1 MB")
                .isTrue();
    }

    @Test
    void writesPlainWhatBarelyRepeats() {
        assertThat(DictionaryColumns.isPlain(-1, 4, 10_000, PAGE)).as("unique").isTrue();
        assertThat(DictionaryColumns.isPlain(-0.6, 4, 10_000, PAGE))
                .as("60 % distinct")
                .isTrue();
        assertThat(DictionaryColumns.isPlain(-0.4, 4, 10_000, PAGE))
                .as("40 % distinct")
                .isFalse();
    }

    @Test
    void withoutRowsLeavesParquetsDefault() {
        assertThat(DictionaryColumns.isPlain(-1, 4, -1, PAGE)).isFalse();
        assertThat(DictionaryColumns.isPlain(-1, 4, 0, PAGE)).isFalse();
    }
}
