package org.benchrig.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Latency;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.TargetInfo;
import org.junit.jupiter.api.Test;

/** The app-class rules on measurements written here (no processes; the real run is AppWorkloadsTest). */
class AppClassMatrixTest {
    static final List<TargetInfo> TARGETS = List.of(
            new TargetInfo("mb1", "board", "micropython", "1.9.2", "/dev/pts/7", "f00d", "1.9.2", "micro:bit", "kind=emulated"),
            new TargetInfo("cpython", "host", "cpython", "3.11.2", "/usr/bin/python3", null, null, "amd64", ""),
            new TargetInfo("pypy", "host", "pypy", "3.9.16", "/usr/bin/pypy3", null, null, "amd64", ""));
    static final List<BenchmarkInfo> APPS = List.of(new BenchmarkInfo("webreq", "service", "s", "24", "aa", "x"),
            new BenchmarkInfo("devloop", "embedded", "s", "60", "bb", "x"), new BenchmarkInfo("devlog", "embedded", "s", "1500", "cc", "x"));

    static Measurement warm(String target, String bench, int rep, long timeNs, long p95Ns) {
        HostValue h = target.equals("mb1") ? null : HostValue.warm(64, 0, 12, true, timeNs * 64);
        return new Measurement(target + bench + rep, 1, target, bench, "s", rep, Mode.WARM, timeNs, null,
                target.equals("mb1") ? new HeapUse(9000L, 7000L, 8900L, null) : new HeapUse(null, null, null, 12_000L),
                "x", Outcome.ok(), Instant.EPOCH, null, h).withLatency(new Latency(24, p95Ns / 2, p95Ns, p95Ns * 2));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Map<String, Object> m, String cls) {
        return ((List<Map<String, Object>>) m.get("rows")).stream().filter(r -> r.get("app_class").equals(cls)).findFirst().orElseThrow();
    }

    @Test
    void serviceIsPickedOnWarmP95OnlyWhenTheDifferenceIsSignificantElseIntervalsOverlap() {
        List<Measurement> clear = new ArrayList<>();
        List<Measurement> overlap = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // pypy's whole call is slower here, its p95 per request lower: the service row goes by p95
            clear.add(warm("cpython", "webreq", i, 200_000, 9_000 + i * 50));
            clear.add(warm("pypy", "webreq", i, 300_000, 3_000 + i * 50));
            overlap.add(warm("cpython", "webreq", i, 200_000, 9_000 + (i % 2) * 400));
            overlap.add(warm("pypy", "webreq", i, 200_000, 9_000 + ((i + 1) % 2) * 400));
        }
        Map<String, Object> svc = row(AppClassMatrix.build(clear, APPS, TARGETS, Map.of("cpython", "threads do not scale (GIL)"),
                0.05, 2.0), "service");
        assertThat(svc.get("pick")).isEqualTo("pypy");
        assertThat((List<String>) svc.get("evidence")).anyMatch(e -> e.startsWith("warm p95: pypy"))
                .anyMatch(e -> e.contains("cpython concurrency: threads do not scale (GIL)"));
        assertThat((List<String>) svc.get("tests")).hasSize(2).first().asString().contains("took 12 warm-up values of up to 64 calls");
        Map<String, Object> tie = row(AppClassMatrix.build(overlap, APPS, TARGETS, Map.of(), 0.05, 2.0), "service");
        assertThat(tie.get("pick")).isNull();
        assertThat((String) tie.get("no_verdict")).startsWith("intervals overlap: ");
    }

    @Test
    void embeddedGoesByFitFirstAndNamesTheHeapTheTooBigWorkloadNeeded() {
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ms.add(warm("mb1", "devloop", i, 81_000_000, 1_400_000));
            ms.add(warm("cpython", "devloop", i, 60_000, 1_000));
            ms.add(warm("cpython", "devlog", i, 400_000, 300).withLatency(new Latency(1500, 200, 300, 600)));
        }
        // ran out after 190 of its 1,500 readings, holding 3,840 bytes, asking for 1,024 more with 5,776 free
        ms.add(new Measurement("dnf", 1, "mb1", "devlog", "s", 0, Mode.COLD, null, null, new HeapUse(5776L, 1936L, 5700L, null),
                "", Outcome.failed(FailureClass.DOES_NOT_FIT, "MemoryError: memory allocation failed, allocating 1024 bytes"),
                Instant.EPOCH, null, null).withLatency(new Latency(190, 1, 1, 1)));
        Map<String, Object> emb = row(AppClassMatrix.build(ms, APPS, TARGETS, Map.of(), 0.05, 2.0), "embedded");
        assertThat(emb.get("pick")).as("the only board; hosts are not microcontrollers").isEqualTo("mb1");
        assertThat(emb.get("confidence")).asString().contains("fit alone");
        Map<String, Object> cells = (Map<String, Object>) emb.get("cells");
        Map<String, Object> host = (Map<String, Object>) cells.get("cpython");
        assertThat(host.get("reason")).asString().contains("11.7 MB peak RSS");
        Map<String, Object> dl = ((List<Map<String, Object>>) ((Map<String, Object>) cells.get("mb1")).get("workloads")).get(0);
        assertThat(dl).containsEntry("workload", "devlog").containsEntry("outcome", "DOES_NOT_FIT")
                .containsEntry("heap_needed_bytes", 5777L).containsEntry("heap_free_bytes", 5776L)
                .containsEntry("heap_estimate_bytes", Math.round(3840 * 1500 / 190.0));
        assertThat((List<String>) emb.get("evidence")).anyMatch(e -> e.startsWith("devlog does not fit on mb1"))
                .anyMatch(e -> e.startsWith("devlog fits on no board"));
        assertThat(AppClassView.cell((Map<String, Object>) cells.get("mb1")))
                .anyMatch(l -> l.startsWith("devlog: does not fit (needed more than the 5776 bytes of heap free; about 30316"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServiceRowSaysWhichInterpreterAJobShorterOrLongerThanTheBreakEvenPicks() {
        List<Measurement> ms = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ms.add(warm("cpython", "webreq", i, 200_000, 9_000 + i * 50));
            ms.add(warm("pypy", "webreq", i, 300_000, 3_000 + i * 50));
        }
        Map<String, Object> m = AppClassMatrix.build(ms, APPS, TARGETS, Map.of(), 0.05, 2.0);
        org.benchrig.stats.BreakEven be = org.benchrig.stats.BreakEven.of("webreq", "cpython",
                org.benchrig.stats.BreakEvenTest.cpythons(100_000, 10), "pypy", org.benchrig.stats.BreakEvenTest.pypys(100_000, 40));
        org.benchrig.stats.BreakEven elsewhere = org.benchrig.stats.BreakEven.of("nbody", "cpython",
                org.benchrig.stats.BreakEvenTest.cpythons(100_000, 10), "pypy", org.benchrig.stats.BreakEvenTest.pypys(100_000, 40));
        AppClassMatrix.withBreakEven(m, List.of(be, elsewhere));
        List<String> evidence = (List<String>) row(m, "service").get("evidence");
        assertThat(evidence).filteredOn(e -> e.startsWith("break-even on webreq (cpython vs pypy): a job shorter than"))
                .singleElement().asString().contains("picks cpython, the faster starter").contains("picks pypy");
        // only the row's own workloads, and only the rows a process's lifetime decides
        assertThat(evidence).noneMatch(e -> e.contains("nbody"));
        for (String cls : List.of("pipeline", "embedded")) {
            assertThat((List<String>) row(m, cls).get("evidence")).noneMatch(e -> e.startsWith("break-even"));
        }
    }
}
