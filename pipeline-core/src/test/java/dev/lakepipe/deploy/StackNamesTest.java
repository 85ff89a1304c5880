package dev.lakepipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackNamesTest {

    @Test
    void namesOfAUseCase() {
        var names = new StackNames("sales_eu");
        assertThat(names.stackName()).isEqualTo("lakepipe-sales-eu");
        assertThat(names.sparkSecret()).isEqualTo("sales_eu/rdbms/rds/primary/spark");
        assertThat(names.dmsSecret()).isEqualTo("sales_eu/rdbms/rds/primary/dms");
        assertThat(names.glueDatabase()).isEqualTo("sales_eu_lake");
        assertThat(names.defaultBucketPrefix("123456789012")).isEqualTo("lakepipe-sales-eu-123456789012");
        assertThat(names.ssmParameters().artifactsBucket()).isEqualTo("/lakepipe/sales_eu/buckets/artifacts");
    }

    @Test
    void invalidUseCaseIsRefused() {
        assertThatThrownBy(() -> new StackNames("Sales"))
                .hasMessage(
                        "Invalid use case: 'Sales' (expected [a-z][a-z0-9_]{1,30}, the UseCase the stack was deployed with)");
    }

    @Test
    void bucketNames() {
        assertThat(LakeBucket.BRONZE.localName()).isEqualTo("lakepipe-bronze");
        assertThat(LakeBucket.LOGS.nameWith("acme-lake")).isEqualTo("acme-lake-logs");
    }
}
