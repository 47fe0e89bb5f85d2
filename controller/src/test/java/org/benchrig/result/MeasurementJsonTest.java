package org.benchrig.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

public class MeasurementJsonTest {

    /** Every field set, none at a default, so a field the codec drops or renames on one side shows. */
    public static Measurement full() {
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
    void garbageIsRefusedNamingTheFieldAndWhatItExpected() {
        String good = MeasurementJson.write(full());
        assertThat(refusal(good.replace("\"2026-01-31T02:00:00.123456789Z\"", "\"yesterday\"")))
                .isEqualTo("not a measurement: at: expected an ISO-8601 instant such as 2026-01-31T02:00:00Z");
        assertThat(refusal(good.replace("\"samples\":42", "\"samples\":\"many\"")))
                .isEqualTo("not a measurement: energy.samples: expected a number");
        assertThat(refusal(good.replace("\"warm\"", "\"tepid\"")))
                .isEqualTo("not a measurement: mode: expected one of cold, warm");
        assertThat(refusal(good.replace("\"WRONG_RESULT\"", "\"GREMLINS\""))).isEqualTo("not a measurement: "
                + "expected ok or a failure class (INFRASTRUCTURE, DOES_NOT_FIT, BENCHMARK_ERROR, WRONG_RESULT, TIMEOUT, "
                + "CONTROLLER, NOT_SUPPORTED), got GREMLINS");
        assertThat(refusal("{\"id\":\"x\"}")).isEqualTo("not a measurement: no target, benchmark, mode, at");
        assertThat(refusal("{\"id\":")).startsWith("not a measurement: ").doesNotContain("com.fasterxml", "org.benchrig");
    }

    private static String refusal(String json) {
        return assertThatThrownBy(() -> MeasurementJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .actual().getMessage();
    }
}
