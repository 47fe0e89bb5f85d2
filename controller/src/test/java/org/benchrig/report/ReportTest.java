package org.benchrig.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.benchrig.cli.CliHarness;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchrig report} on a stored run with known numbers (one board, CPython, PyPy). */
class ReportTest {
    @TempDir
    static Path dir;
    static Path config;
    static long runId;

    @BeforeAll
    static void storeARun() throws Exception {
        config = CliHarness.writeConfig(dir, "rep-rig", new String[] {}, new String[] {"cpython"});
        try (Store store = Store.open(dir.resolve("data/benchrig.db"))) {
            // made with this config: the reproduce block names its file
            runId = store.startRun("rep-rig", "smoke", List.of("mb1", "cpython", "pypy"), 5,
                    org.benchrig.bench.Hashes.sha256(config));
            store.recordTarget(runId, new TargetInfo("mb1", "board", "micropython", "1.9.2", "/dev/pts/7",
                    "f00dfeed", "1.9.2", "micro:bit v1.0.1 with nRF51822", "model=microbit;kind=emulated;instruments=simulated"));
            store.recordTarget(runId, new TargetInfo("cpython", "host", "cpython", "3.11.2", "/usr/bin/python3", null, null, "amd64", "command=python3"));
            store.recordTarget(runId, new TargetInfo("pypy", "host", "pypy", "3.9.16", "/usr/bin/pypy3", null, null, "amd64", "command=pypy3"));
            store.recordBenchmark(runId, new BenchmarkInfo("fib", "calls", "s", "4, 25", "1111aaaa", "375"));
            store.recordBenchmark(runId, new BenchmarkInfo("bigalloc", "alloc", "s", "4000", "2222bbbb", "1"));
            // fib: board 19.17 ms; cpython cold 3.0 ms warm 2.0 ms; pypy cold 20 ms warm 0.5 ms
            for (int i = 0; i < 5; i++) {
                add(store, "mb1", "fib", i == 0 ? Mode.COLD : Mode.WARM, i, 19_170_000 + i * 1000, Outcome.ok());
                add(store, "cpython", "fib", Mode.COLD, i, 3_000_000 + i * 10_000, Outcome.ok());
                add(store, "cpython", "fib", Mode.WARM, i, 2_000_000 + i * 10_000, Outcome.ok());
                add(store, "pypy", "fib", Mode.COLD, i, 20_000_000 + i * 10_000, Outcome.ok());
                add(store, "pypy", "fib", Mode.WARM, i, 500_000 + i * 1_000, Outcome.ok());
                add(store, "mb1", "bigalloc", i == 0 ? Mode.COLD : Mode.WARM, i, null, Outcome.failed(FailureClass.DOES_NOT_FIT, "MemoryError"));
                add(store, "cpython", "bigalloc", Mode.WARM, i, 4_000_000 + i * 10_000, Outcome.ok());
                add(store, "pypy", "bigalloc", Mode.WARM, i, 1_500_000 + i * 10_000, Outcome.ok());
            }
            store.finishRun(runId, RunState.DONE, null);
        }
    }

    static void add(Store s, String target, String bench, Mode mode, int rep, Integer ns, Outcome o) {
        s.addMeasurement(new Measurement("r/" + target + "/" + bench + "/" + mode + "/" + rep, runId, target, bench, "s", rep, mode,
                ns == null ? null : ns.longValue(), null, target.equals("mb1") ? new HeapUse(9000L, 8000L, 8900L, null)
                : new HeapUse(null, null, null, 10_000L), null, o, Instant.parse("2026-11-02T02:00:00Z")));
    }

    @Test
    void markdownHoldsEnvironmentReproduceCommandsAndTheDecisionMatrixWithNumbers() {
        CliHarness.Result r = CliHarness.run("report", "--config", config.toString(), "--run", String.valueOf(runId), "--format", "md");
        assertThat(r.exit()).as(r.err()).isZero();
        String md = r.out();
        assertThat(md).contains("## Environment", "cpu_model", "cpu_governor", "| os |", "config_hash_now",
                "| mb1 | board | micropython | 1.9.2 |", "`f00dfeed`", "`/usr/bin/pypy3`", "`1111aaaa`");
        assertThat(md).contains("## Reproduce", "./benchrig run --config " + config + " --suite smoke --targets mb1,cpython,pypy --repeat 5",
                "echo 0 | /usr/bin/python3 firmware-scripts/harness/hostrun.py --bench-dir firmware-scripts/benchmarks --bench bigalloc --tier s --values 3",
                "echo 0 | /usr/bin/python3 firmware-scripts/harness/cold.py firmware-scripts/benchmarks bigalloc s");
        assertThat(md).contains("## Decision matrix");
        // calls row: base numbers (cold / warm) per interpreter, and the two tests that decided it
        assertThat(md).containsPattern("\\| calls \\(fib\\) \\| 3\\.02 ms / 2\\.02 ms \\| 19\\.17 ms / 19\\.17 ms \\| 20\\.02 ms / 502\\.0 us \\|");
        assertThat(md).contains("cold: cpython 3.02 ms vs mb1 19.17 ms", "warm: pypy 502.0 us vs cpython 2.02 ms (0.25x), Mann-Whitney p=0.0079");
        assertThat(md).contains("| alloc (bigalloc) | - / 4.02 ms | does not fit | - / 1.52 ms |");
        assertThat(md).contains("## Results, cold and warm", "## Memory", "## Energy", "## Caveats",
                "PyPy is reported cold AND warm", "bigalloc does not fit on mb1", "Target mb1 is simulated");
    }

    @Test
    void jsonAndHtmlCarryTheSameReportAndHtmlNeedsNoNetwork() throws Exception {
        CliHarness.Result j = CliHarness.run("report", "--config", config.toString(), "--format", "json");
        assertThat(j.exit()).as(j.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.at("/run/id").asLong()).isEqualTo(runId);
        assertThat(n.at("/decision_matrix/rows/1/warm_test/winner").asText()).isEqualTo("pypy");
        Path html = dir.resolve("r.html");
        CliHarness.Result h = CliHarness.run("report", "--config", config.toString(), "--format", "html", "--out", html.toString());
        assertThat(h.exit()).as(h.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<svg", "Decision matrix").doesNotContain("http://", "https://", "<script src");
        // the decision first: the matrix by app class, then by workload class, both before the charts
        assertThat(page.indexOf("<table")).as("the matrix by app class is the first table")
                .isEqualTo(page.indexOf("<table id=\"app-classes\""));
        assertThat(page.indexOf("<table id=\"decision-matrix\"")).as("then the decision matrix, before the charts")
                .isGreaterThan(page.indexOf("<table id=\"app-classes\"")).isLessThan(page.indexOf("<svg"));
    }
}
