package dev.lakepipe.tpcc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TpccRandomTest {

    @Test
    void buildsLastNamesFromThreeSyllables() {
        assertThat(TpccRandom.lastName(0)).isEqualTo("BARBARBAR");
        assertThat(TpccRandom.lastName(371)).isEqualTo("PRICALLYOUGHT");
        assertThat(TpccRandom.lastName(999)).isEqualTo("EINGEINGEING");
    }

    @Test
    void staysWithinBoundsAndRepeatsForTheSameSeed() {
        var first = new TpccRandom(42);
        var second = new TpccRandom(42);
        for (int i = 0; i < 10_000; i++) {
            int value = first.nuRand(1023, TpccRandom.C_ID, 1, 3000);
            assertThat(value).isBetween(1, 3000).isEqualTo(second.nuRand(1023, TpccRandom.C_ID, 1, 3000));
            assertThat(first.alpha(3, 7))
                    .hasSizeBetween(3, 7)
                    .matches("[0-9A-Za-z]+")
                    .isEqualTo(second.alpha(3, 7));
            assertThat(first.randomLastName(30)).isEqualTo(second.randomLastName(30));
        }
    }

    @Test
    void marksAboutOneInTenDataValuesOriginal() {
        var random = new TpccRandom(7);
        int original = 0;
        for (int i = 0; i < 10_000; i++) {
            var data = random.data(26, 50);
            assertThat(data).hasSizeBetween(26, 50);
            original += data.contains("ORIGINAL") ? 1 : 0;
        }
        assertThat(original).isBetween(800, 1200);
    }

    @Test
    void derivesDifferentSeedsForDifferentCoordinates() {
        assertThat(TpccRandom.seedFor(1, 2, 3))
                .isEqualTo(TpccRandom.seedFor(1, 2, 3))
                .isNotEqualTo(TpccRandom.seedFor(1, 3, 2))
                .isNotEqualTo(TpccRandom.seedFor(2, 2, 3));
    }
}
