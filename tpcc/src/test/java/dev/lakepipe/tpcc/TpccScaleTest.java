package dev.lakepipe.tpcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TpccScaleTest {

    @Test
    void standardIsTheSpecification() {
        assertThat(TpccScale.STANDARD.items()).isEqualTo(100_000);
        assertThat(TpccScale.STANDARD.ordersPerDistrict()).isEqualTo(3_000);
        assertThat(TpccScale.STANDARD.firstNewOrderId()).isEqualTo(2_101);
        assertThat(TpccScale.TINY.firstNewOrderId()).isEqualTo(22);
    }

    @Test
    void rejectsMoreNewOrdersThanOrders() {
        assertThatThrownBy(() -> new TpccScale(10, 5, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid new orders per district: 6 (expected 0 to 5)");
    }

    @Test
    void findsTablesByPlainOrQualifiedName() {
        assertThat(TpccTable.fromName("public.ORDER_LINE")).isEqualTo(TpccTable.ORDER_LINE);
        assertThat(TpccTable.fromName("history").hasPrimaryKey()).isFalse();
        assertThatThrownBy(() -> TpccTable.fromName("oorder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid TPC-C table: oorder (expected one of warehouse");
    }
}
