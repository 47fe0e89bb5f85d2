package org.benchrig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.WarmupValue;
import org.junit.jupiter.api.Test;

/** The run page's warm-up curves: time per call at each value's last call, and the steady point. */
class WarmupViewsTest {
    static final long SPAWN_NS = 30_000_000;

    /** Three cold samples and one worker process of {@code target}: warm-ups of 1, 2 and 4 calls, then two values of 8. */
    static void host(String target, boolean steady, List<Measurement> ms, List<WarmupValue> ws) {
        for (int r = 0; r < 3; r++) {
            ms.add(new Measurement(target + "c" + r, 1, target, "fib", "s", r, Mode.COLD, 900_000L, SPAWN_NS + 900_000L,
                    HeapUse.none(), "ok", Outcome.ok(), Instant.EPOCH, null, HostValue.cold(r, null, null, 900_000L)));
        }
        long[] loops = {1, 2, 4};
        long[] perCall = {900_000, 400_000, 150_000};
        for (int i = 0; i < loops.length; i++) {
            ws.add(new WarmupValue(target, "fib", 0, i, loops[i], loops[i] * perCall[i]));
        }
        for (int r = 0; r < 2; r++) {
            ms.add(new Measurement(target + "w" + r, 1, target, "fib", "s", r, Mode.WARM, 100_000L, null, HeapUse.none(), "ok",
                    Outcome.ok(), Instant.EPOCH, null, HostValue.warm(8, 0, 3, steady, 800_000L)));
        }
    }

    @Test
    void eachProcessGivesItsTimePerCallAtItsValuesLastCallsAndTheFirstCallOfItsValues() {
        List<Measurement> ms = new ArrayList<>();
        List<WarmupValue> ws = new ArrayList<>();
        host("cpython", true, ms, ws);
        host("pypy", false, ms, ws);
        ms.add(new Measurement("mb", 1, "mb1", "fib", "s", 0, Mode.WARM, 5_000_000L, null, HeapUse.none(), "ok",
                Outcome.ok(), Instant.EPOCH));
        WarmupViews.Doc doc = WarmupViews.of(ms, ws);
        assertThat(doc.benchmarks()).hasSize(1);
        List<WarmupViews.Host> hosts = doc.benchmarks().get(0).hosts();
        assertThat(hosts).extracting(WarmupViews.Host::target).as("hosts only, no board").containsExactly("cpython", "pypy");
        List<WarmupViews.WorkerProcess> cpython = hosts.get(0).processes();
        assertThat(cpython).as("one process, however many cold samples it is paired with").hasSize(1);
        WarmupViews.WorkerProcess p = cpython.get(0);
        assertThat(p.calls()).isEqualTo(List.of(1.0, 3.0, 7.0, 15.0, 23.0));
        assertThat(p.nsPerCall()).isEqualTo(List.of(900_000.0, 400_000.0, 150_000.0, 100_000.0, 100_000.0));
        assertThat(p.warmups()).isEqualTo(3);
        assertThat(p.steadyFromCall()).isEqualTo(8.0);
        assertThat(p.steadyNsPerCall()).isEqualTo(100_000.0);
        assertThat(p.steady()).isTrue();
        assertThat(hosts.get(1).processes().get(0).steady()).as("the time cap ran out").isFalse();
    }

    @Test
    void aRunWithoutWarmUpValuesSaysWhy() {
        List<Measurement> ms = new ArrayList<>();
        host("cpython", true, ms, new ArrayList<>());
        WarmupViews.Host h = WarmupViews.of(ms, List.of()).benchmarks().get(0).hosts().get(0);
        assertThat(h.processes()).isEmpty();
        assertThat(h.missing()).contains("no warm-up values of fib on cpython stored");
    }
}
