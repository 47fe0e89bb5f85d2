package org.benchrig.cli;

import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.RunsHosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.benchrig.bench.Hashes;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' own benchmark directories, outside the repository: files written by {@code benchrig new}
 * and perf_bench-format fixtures, in one run on one emulated micro:bit, CPython and PyPy (the
 * test host protocol, one repetition); and a malformed file that stops the run before it starts.
 */
@NeedsEmulator
@RunsHosts
class UserBenchmarksTest {
    static final List<String> CLASSES = List.of("service", "pipeline", "cli", "embedded");
    /** Seconds of warm-up per host process at most: this class checks outcomes and parameters, not speed. */
    static final double WARMUP_CAP_S = 0.3;
    @TempDir
    static Path dir;
    static Path config;
    static Path mine;
    static Path perf;
    static List<CliHarness.Result> written = new ArrayList<>();
    static CliHarness.Result run;
    static List<JsonNode> ms = new ArrayList<>();

    @BeforeAll
    static void runUserDirectories() throws Exception {
        config = CliHarness.writeConfig(dir, "user-rig", new String[] {"mb1"}, new String[] {"cpython", "pypy"});
        // nine files that run on two hosts: one worker process and a shorter warm-up cap than the test
        // protocol's (this class checks outcomes and parameters, not speed)
        Files.writeString(config, Files.readString(config).replace("max_warmup_s: 2", "max_warmup_s: " + WARMUP_CAP_S)
                .replace("min_value_ms: 20", "min_value_ms: 10").replace("processes: " + CliHarness.TEST_PROCESSES
                        + ", max_processes: " + CliHarness.TEST_PROCESSES, "processes: 1, max_processes: 1"));
        mine = dir.resolve("my benchmarks");   // outside the repository, with a space in its path
        for (String c : CLASSES) {
            written.add(CliHarness.run("new", "my_" + c, "--class", c, "--dir", mine.toString()));
        }
        perf = Files.createDirectories(dir.resolve("perf_bench"));
        try (Stream<Path> fixtures = Files.list(CliHarness.REPO.resolve("firmware-scripts/perfbench-fixtures"))) {
            for (Path f : fixtures.toList()) {
                Files.copy(f, perf.resolve(f.getFileName()));
            }
        }
        run = CliHarness.run("run", "--config", config.toString(), "--bench-dir", mine.toString(), "--bench-dir",
                perf.toString(), "--suite", "user", "--repeat", "1");
        CliHarness.Result json = CliHarness.run("results", "--config", config.toString(), "--run", "latest", "--format", "json");
        new ObjectMapper().readTree(json.out()).get("measurements").forEach(ms::add);
    }

    private static List<JsonNode> of(String bench, String target) {
        return ms.stream().filter(m -> m.get("benchmark").asText().equals(bench) && m.get("target").asText().equals(target))
                .toList();
    }

    @Test
    void filesWrittenByNewPassOnEveryTargetAndTheirSourceHashIsStored() throws Exception {
        written.forEach(w -> assertThat(w.exit()).as(w.err()).isZero());
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        for (String c : CLASSES) {
            for (String target : List.of("mb1", "cpython", "pypy")) {
                assertThat(of("my_" + c, target)).as(c + " on " + target).isNotEmpty()
                        .allSatisfy(m -> assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("ok"));
            }
            assertThat(of("my_" + c, "mb1")).allSatisfy(m -> assertThat(m.get("tier").asText()).isEqualTo("s"));
        }
        try (Store store = Store.openWithoutOutbox(dir.resolve("data/benchrig.db"))) {
            long id = store.runs(1, 0).get(0).id();
            for (String c : CLASSES) {
                BenchmarkInfo b = store.benchmarks(id).stream().filter(i -> i.name().equals("my_" + c)).findFirst().orElseThrow();
                assertThat(b.sourceHash()).isEqualTo(Hashes.sha256(mine.resolve("my_" + c + ".py")));
            }
            BenchmarkInfo pb = store.benchmarks(id).stream().filter(i -> i.name().equals("pb_sumsq")).findFirst().orElseThrow();
            assertThat(pb.sourceHash()).isEqualTo(Hashes.sha256(perf.resolve("pb_sumsq.py")));
        }
    }

    @Test
    void perfBenchFileRunsTheSmallParametersOnTheMicrobitAndTheLargeOnesOnHosts() {
        assertThat(of("pb_sumsq", "mb1")).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get("tier").asText()).isEqualTo("10x5");
            assertThat(m.get("outcome").asText()).isEqualTo("ok");
            assertThat(m.get("check").asText()).isEqualTo("601");   // sumsq(300), as CPython gives it
        });
        for (String host : List.of("cpython", "pypy")) {
            assertThat(of("pb_sumsq", host)).isNotEmpty().allSatisfy(m -> {
                assertThat(m.get("tier").asText()).isEqualTo("1000x1000");
                assertThat(m.get("outcome").asText()).isEqualTo("ok");
                assertThat(m.get("check").asText()).isEqualTo("39998");
            });
        }
    }

    @Test
    void cpythonsResultDecidesOkOrWrongResultOnTheOtherTargets() {
        // pb_impl's value is sys.implementation.name: CPython's truth is 'cpython'
        assertThat(of("pb_impl", "cpython")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.get("outcome").asText()).isEqualTo("ok"));
        for (String other : List.of("pypy", "mb1")) {
            assertThat(of("pb_impl", other)).isNotEmpty().allSatisfy(m -> {
                assertThat(m.get("outcome").asText()).isEqualTo("WRONG_RESULT");
                assertThat(m.get("failure_detail").asText()).endsWith("expected cpython");
            });
        }
    }

    @Test
    void filesNeedingWhatATargetLacksAreRecordedWithThatReason() {
        assertThat(of("pb_complex", "mb1")).singleElement().satisfies(m -> {
            assertThat(m.get("outcome").asText()).isEqualTo("NOT_SUPPORTED");
            assertThat(m.get("failure_detail").asText()).contains("complex numbers", "mb1");
        });
        assertThat(of("pb_complex", "cpython")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.get("outcome").asText()).isEqualTo("ok"));
        assertThat(of("pb_bigheap", "mb1")).singleElement().satisfies(m -> {
            assertThat(m.get("outcome").asText()).isEqualTo("DOES_NOT_FIT");
            assertThat(m.get("failure_detail").asText()).contains("heap of 64 KB");
        });
        for (String host : List.of("cpython", "pypy")) {
            assertThat(of("pb_viper", host)).singleElement().satisfies(m -> {
                assertThat(m.get("outcome").asText()).isEqualTo("NOT_SUPPORTED");
                assertThat(m.get("failure_detail").asText()).contains("viper", "only in MicroPython");
            });
        }
    }

    @Test
    void aMalformedFileIsReportedWithFileAndLineAndNothingRuns() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Path cfg = CliHarness.writeConfig(other, "bad-rig", new String[] {"mb1"}, new String[] {"cpython"});
        Path bad = Files.createDirectories(other.resolve("bad"));
        Files.writeString(bad.resolve("badone.py"), "NAME = 'badone'\nCLASS = 'int'\nSUITES = ()\nTIERS = {'s': 5}\n"
                + "EXPECT = {'s': 1}\n\n\ndef bench(n):\n    return n\n");
        Files.writeString(bad.resolve("broken.py"), "bm_params = {(10, 5): (1,)}\n\ndef bm_setup(p):\n    return (\n");
        CliHarness.Result r = CliHarness.run("run", "--config", cfg.toString(), "--bench-dir", bad.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(bad.resolve("badone.py") + ":4:1: TIERS: TIERS['s'] is not a tuple; write (5,)",
                bad.resolve("broken.py") + ":4:1: (syntax): SyntaxError:", "nothing was run");
        assertThat(other.resolve("data/benchrig.db")).doesNotExist();   // no run was started, no store opened
    }
}
