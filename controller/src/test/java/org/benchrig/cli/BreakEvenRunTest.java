package org.benchrig.cli;

import org.benchrig.testing.RunsHosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchrig.result.WarmupValue;
import org.benchrig.stats.BreakEven;
import org.benchrig.report.BreakEvenSection;
import org.benchrig.store.Store;
import org.benchrig.store.WarmupRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default rig's hosts (CPython and PyPy) on nbody at tier s, one run with the test protocol
 * (5 cold processes, 2 worker processes a side): PyPy's break-even against CPython is found from
 * the stored warm-up curves, a job shorter than it picks CPython and a longer one PyPy, and the
 * report says so. About 10 s.
 */
@RunsHosts
class BreakEvenRunTest {
    /**
     * Debian's CPython, the default rig's documented host: a pyenv shim's interpreter pays 30-100 ms
     * of site processing per start here, more than PyPy's start-up, which would hide the trade-off.
     */
    static final String CPYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @TempDir
    static Path dir;
    static Path config;
    static String run;
    static List<BreakEven> found;

    @BeforeAll
    static void runNbodyOnBothHosts() throws Exception {
        config = dir.resolve("rig.yaml");
        Files.writeString(config, "rig: be-rig\nplatform: simulated\ndata_dir: data\nrun:\n  suite: smoke\n"
                + "  repetitions: 3\n  benchmark_timeout_s: 60\nboards: []\nhosts:\n"
                + "  - id: cpython\n    interpreter: " + CPYTHON + "\n    protocol: " + CliHarness.TEST_PROTOCOL + "\n"
                + "  - id: pypy\n    interpreter: pypy3\n    protocol: " + CliHarness.TEST_PROTOCOL + "\n");
        CliHarness.Result r = CliHarness.run("run", "--config", config.toString(), "--suite", "nbody", "--repeat", "5");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        run = RunCommandTest.runId(r);
        try (Store store = Store.open(dir.resolve("data/benchrig.db"))) {
            long id = Long.parseLong(run);
            List<WarmupValue> warmups = new WarmupRecords(store).of(id);
            assertThat(warmups).extracting(WarmupValue::target).contains("cpython", "pypy");
            found = BreakEvenSection.analyses(store.measurements(id), warmups, BreakEven.LEVEL);
        }
    }

    @Test
    void pypysBreakEvenOnNbodyIsFoundAndPicksFollowIt() {
        assertThat(found).hasSize(1);
        BreakEven be = found.get(0);
        assertThat(be.benchmark()).isEqualTo("nbody");
        assertThat(be.status()).as(be.statement()).isEqualTo(BreakEven.Status.FOUND);
        assertThat(be.starter()).isEqualTo("cpython");
        assertThat(be.overtaker()).isEqualTo("pypy");
        assertThat(be.pairs()).isEqualTo(5 * 5);   // 5 curves a side: 2 processes over 5 cold samples
        assertThat(be.callsLow()).isPositive().isLessThanOrEqualTo(be.calls());
        assertThat(be.callsHigh()).isGreaterThanOrEqualTo(be.calls());
        assertThat(be.ns()).isPositive();
        assertThat(be.pick(be.callsLow() / 2).target()).isEqualTo("cpython");
        assertThat(be.pick(be.callsHigh() * 2).target()).isEqualTo("pypy");
        assertThat(be.pickForTimeOnStarter(be.nsLow() / 2).target()).isEqualTo("cpython");
        assertThat(be.pickForTimeOnStarter(be.nsHigh() * 2).target()).isEqualTo("pypy");
        assertThat(be.statement()).startsWith("pypy pays off after ").contains("calls", "process pairs");
    }

    @Test
    void theReportCarriesTheBreakEvenAndBothCurvesInJsonMarkdownAndHtml() throws Exception {
        CliHarness.Result json = CliHarness.run("report", "--config", config.toString(), "--run", run, "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode b = new ObjectMapper().readTree(json.out()).get("break_even").get("benchmarks").get(0);
        assertThat(b.get("benchmark").asText()).isEqualTo("nbody");
        JsonNode be = b.get("break_even").get(0);
        assertThat(be.get("status").asText()).isEqualTo("found");
        assertThat(be.get("calls").asDouble()).isEqualTo(found.get(0).calls());
        assertThat(be.get("seconds").asDouble()).isEqualTo(found.get(0).ns() / 1e9);
        int points = b.get("calls").size();
        for (String t : List.of("cpython", "pypy")) {
            JsonNode c = b.get("curves").get(t);
            assertThat(c.get("processes").asInt()).isEqualTo(5);
            assertThat(c.get("median_ns")).hasSize(points);
            // cumulative: never falls, and the range holds the median
            for (int i = 1; i < points; i++) {
                assertThat(c.get("median_ns").get(i).asDouble()).isGreaterThanOrEqualTo(c.get("median_ns").get(i - 1).asDouble());
                assertThat(c.get("low_ns").get(i).asDouble()).isLessThanOrEqualTo(c.get("median_ns").get(i).asDouble());
            }
        }
        CliHarness.Result md = CliHarness.run("report", "--config", config.toString(), "--run", run, "--format", "md");
        assertThat(md.out()).contains("## Warm-up curves and break-even", "- " + found.get(0).statement(), "| 1 | ");
        CliHarness.Result html = CliHarness.run("report", "--config", config.toString(), "--run", run, "--format", "html");
        assertThat(html.out()).contains("<h2>Warm-up curves and break-even</h2>", "break-even ");
    }
}
