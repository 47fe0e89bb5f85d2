package org.benchrig.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchrig.result.FailureClass;
import org.junit.jupiter.api.Test;

/** run-perfbench.py's choice of bm_params per target, and the reasons a target gets none (no processes). */
class PerfBenchChoiceTest {
    private static final List<String> KEYS = List.of("50x25", "100x100", "1000x1000", "5000x1000");

    @Test
    void theLargestKeyWithinTwentyPercentOfTheSpeedAndWithinTheHeapIsChosen() {
        assertThat(PerfBench.pick(KEYS, new PerfBench.Size(1000, 1000))).isEqualTo("1000x1000");
        // 10 N' <= 12 N: a 50-key still counts for a 42 MHz board, not for a 41 MHz one
        assertThat(PerfBench.pick(KEYS, new PerfBench.Size(42, 25))).isEqualTo("50x25");
        assertThat(PerfBench.pick(KEYS, new PerfBench.Size(41, 25))).isNull();
        // the heap bounds it too: a fast board with 64 KB does not get the 100 KB parameters
        assertThat(PerfBench.pick(KEYS, new PerfBench.Size(240, 64))).isEqualTo("50x25");
        assertThat(PerfBench.pick(KEYS, new PerfBench.Size(240, 100))).isEqualTo("100x100");
    }

    @Test
    void aTargetWithoutAFittingKeyOrAFeatureIsRecordedWithTheReasonNotRun() {
        PerfBench pb = new PerfBench(Path.of("unused"), "python3");
        Benchmark heapy = new Benchmark("heapy", Path.of("heapy.py"), "perfbench", Map.of("10x64", List.of(1)), Map.of(),
                List.of(), "", "0", Benchmark.PERFBENCH, null, List.of());
        PerfBench.Choice c = pb.choose(heapy, new PerfBench.Size(16, 9), Set.of(), "", Duration.ofSeconds(5));
        assertThat(c.runs()).isFalse();
        assertThat(c.skipped().failure()).isEqualTo(FailureClass.DOES_NOT_FIT);
        assertThat(c.skipped().detail()).contains("N=16 M=9", "heap of 64 KB");

        Benchmark slow = new Benchmark("slow", Path.of("slow.py"), "perfbench", Map.of("50x10", List.of(1)), Map.of(),
                List.of(), "", "0", Benchmark.PERFBENCH, null, List.of());
        assertThat(pb.choose(slow, new PerfBench.Size(16, 9), Set.of(), "", Duration.ofSeconds(5)).skipped().detail())
                .contains("the smallest is for N=50");

        Benchmark viper = new Benchmark("v", Path.of("v.py"), "perfbench", Map.of("10x5", List.of(1)), Map.of(),
                List.of(), "", "0", Benchmark.PERFBENCH, null, List.of("viper"));
        PerfBench.Choice v = pb.choose(viper, new PerfBench.Size(1000, 1000), Set.of("viper"), "CPython lacks",
                Duration.ofSeconds(5));
        assertThat(v.skipped().failure()).isEqualTo(FailureClass.NOT_SUPPORTED);
        assertThat(v.skipped().detail()).contains("viper", "CPython lacks");
    }
}
