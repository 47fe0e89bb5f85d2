package org.benchrig.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeasurementJsonTest {

    /** Every field set, none at a default, so a field the codec drops or renames on one side shows. */
    static Measurement full() {
        return new Measurement("m-1", 7, "pypy3", "fib", "s", 3, Mode.WARM, 1234L, 5678L,
                new HeapUse(10_000L, 9_000L, 9_500L, 2048L), "832040",
                Outcome.failed(FailureClass.WRONG_RESULT, "expected 832041"), Instant.parse("2026-01-31T02:00:00.123456789Z"),
                new Energy(1.5, 22.25, 31.0, 42, 1_000_000L, "ina219@1:0x40", true, "short-window"),
                new HostValue(8, 2, 5, Boolean.FALSE, 9_872L, 30_000_000L, 4_000_000L, 1_500L),
                new Latency(24, 100L, 200L, 300L));
    }

    @Test
    void aMeasurementWithEveryFieldSetSurvivesWriteAndRead() {
        Measurement m = full();
        assertThat(MeasurementJson.read(MeasurementJson.write(m))).isEqualTo(m);
    }

    @Test
    void aBoardMeasurementWithoutPartsSurvivesToo() {
        Measurement m = new Measurement("m-2", 1, "mb1", "loop", "s", 0, Mode.COLD, null, null, HeapUse.none(), null,
                Outcome.ok(), Instant.parse("2026-01-31T02:00:00Z"));
        assertThat(MeasurementJson.read(MeasurementJson.write(m))).isEqualTo(m);
    }

    @Test
    void namesAreSnakeCaseWithPartsNested() {
        var j = MeasurementJson.tree(full());
        assertThat(j.path("time_ns").asLong()).isEqualTo(1234L);
        assertThat(j.path("mode").asText()).isEqualTo("warm");
        assertThat(j.path("outcome").asText()).isEqualTo("WRONG_RESULT");
        assertThat(j.path("failure_detail").asText()).isEqualTo("expected 832041");
        assertThat(j.path("energy").path("average_milliamps").asDouble()).isEqualTo(22.25);
        assertThat(j.path("host").path("first_call_ns").asLong()).isEqualTo(1_500L);
        assertThat(j.path("latency").path("p99_ns").asLong()).isEqualTo(300L);
        assertThat(j.path("at").asText()).isEqualTo("2026-01-31T02:00:00.123456789Z");
    }

    @Test
    void garbageIsRefusedWithTheReason() {
        assertThatThrownBy(() -> MeasurementJson.read("{\"id\":\"x\",\"at\":\"yesterday\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
    }
}
