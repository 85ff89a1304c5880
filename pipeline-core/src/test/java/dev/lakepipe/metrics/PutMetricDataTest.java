package dev.lakepipe.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PutMetricDataTest {

    private static final Instant NOW = Instant.parse("2026-12-07T19:00:00Z");

    private static MetricDatum datum(String name, List<Dimension> dimensions, double value) {
        return new MetricDatum(name, dimensions, value, MetricUnit.SECONDS, NOW);
    }

    @Test
    void acceptsWhatCloudWatchTakesAtItsLimits() {
        var dimensions = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> new Dimension("d" + i, "x".repeat(1024)))
                .toList();
        var request = new PutMetricData("Lakepipe", List.of(datum("m".repeat(255), dimensions, Math.scalb(1.0, 360))));
        request.requireAcceptedAt(NOW);
        assertThat(new Dimension("n".repeat(255), "v").name()).hasSize(255);
        assertThat(datum("zero", List.of(), 0).value()).isZero();
    }

    @Test
    void refusesNamesAndDimensionsCloudWatchRefuses() {
        assertThatThrownBy(() -> new Dimension("", "v"))
                .hasMessage("Invalid dimension name: '' has 0 characters; CloudWatch takes 1 to 255");
        assertThatThrownBy(() -> new Dimension("n".repeat(256), "v")).hasMessageContaining("has 256 characters");
        assertThatThrownBy(() -> new Dimension(":Table", "v"))
                .hasMessage("Invalid dimension name: ':Table'; it must not start with ':'");
        assertThatThrownBy(() -> new Dimension("Table", "x".repeat(1025)))
                .hasMessageContaining("Invalid value of dimension Table")
                .hasMessageContaining("1 to 1024");
        assertThatThrownBy(() -> new Dimension("Table", "   "))
                .hasMessage("Invalid value of dimension Table: '   '; CloudWatch needs a non-whitespace character");
        assertThatThrownBy(() -> new Dimension("Table", "café"))
                .hasMessage(
                        "Invalid value of dimension Table: 'café' has character U+00E9 at 3; CloudWatch takes ASCII without control characters");
        assertThatThrownBy(() -> datum("m".repeat(256), List.of(), 1)).hasMessageContaining("Invalid metric name");
        var tooMany = IntStream.rangeClosed(1, 31)
                .mapToObj(i -> new Dimension("d" + i, "v"))
                .toList();
        assertThatThrownBy(() -> datum("Lag", tooMany, 1))
                .hasMessage("Invalid metric Lag: 31 dimensions; CloudWatch takes at most 30");
        assertThatThrownBy(() -> datum("Lag", List.of(new Dimension("Table", "a"), new Dimension("Table", "b")), 1))
                .hasMessage("Invalid metric Lag: dimension Table twice");
    }

    @Test
    void refusesValuesCloudWatchRefuses() {
        for (var value :
                List.of(Double.NaN, Double.POSITIVE_INFINITY, Math.scalb(1.0, 361), -Math.scalb(1.0, 361), 1e-300)) {
            assertThatThrownBy(() -> datum("Lag", List.of(), value))
                    .hasMessageStartingWith("Invalid value of metric Lag: ")
                    .hasMessageEndingWith("CloudWatch takes finite values, 0 or of magnitude 2^-360 to 2^360");
        }
    }

    @Test
    void refusesBadNamespacesBatchesTimeStampsAndSize() {
        var one = List.of(datum("Lag", List.of(), 1));
        assertThatThrownBy(() -> new PutMetricData("AWS/EC2", one)).hasMessageContaining("neither ':' nor 'AWS/'");
        assertThatThrownBy(() -> new PutMetricData(":x", one)).hasMessageContaining("neither ':' nor 'AWS/'");
        assertThatThrownBy(() -> new PutMetricData("Lakepipe", List.of()))
                .hasMessage(
                        "Invalid PutMetricData request to Lakepipe: 0 data points; CloudWatch takes 1 to 1000, split the batch");
        assertThatThrownBy(() -> new PutMetricData("Lakepipe", Collections.nCopies(1001, one.get(0))))
                .hasMessageContaining("1001 data points");
        var request = new PutMetricData("Lakepipe", one);
        assertThatThrownBy(() ->
                        request.requireAcceptedAt(NOW.plus(Duration.ofDays(14)).plusSeconds(1)))
                .hasMessageContaining("Invalid time stamp of metric Lag: 2026-12-07T19:00:00Z");
        assertThatThrownBy(() ->
                        request.requireAcceptedAt(NOW.minus(Duration.ofHours(2)).minusSeconds(1)))
                .hasMessageContaining("two weeks back to two hours ahead");
        var big = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> new Dimension("d" + i, "x".repeat(1024)))
                .toList();
        var large = new PutMetricData("Lakepipe", Collections.nCopies(40, datum("Lag", big, 1)));
        assertThatThrownBy(() -> large.requireAcceptedAt(NOW))
                .hasMessageStartingWith("Invalid PutMetricData request to Lakepipe: ")
                .hasMessageEndingWith("bytes; CloudWatch takes at most 1048576, split the batch");
    }

    @Test
    void formBodyIsTheQueryProtocolRequest() {
        var request = new PutMetricData(
                "Lakepipe",
                List.of(datum("FreshnessSeconds", List.of(new Dimension("Table", "public.order line")), 2.5)));
        assertThat(request.formBody())
                .isEqualTo("Action=PutMetricData&Version=2010-08-01&Namespace=Lakepipe"
                        + "&MetricData.member.1.MetricName=FreshnessSeconds"
                        + "&MetricData.member.1.Dimensions.member.1.Name=Table"
                        + "&MetricData.member.1.Dimensions.member.1.Value=public.order+line"
                        + "&MetricData.member.1.Value=2.5&MetricData.member.1.Unit=Seconds"
                        + "&MetricData.member.1.Timestamp=2026-12-07T19%3A00%3A00Z");
    }
}
