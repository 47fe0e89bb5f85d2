package org.benchrig.cli;

import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.RunsHosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app workloads (issue 14) on a real emulated micro:bit, python3 and pypy3 with the test
 * protocol: one run of the five workloads, then what a user reads from {@code results --format
 * json} and the report. About 30 s on a quiet machine, 67 s at load 13 on 2 cores.
 */
@NeedsEmulator
@RunsHosts
class AppWorkloadsTest {
    static final String APPS = "webreq,pipeline,devloop,clijob,devlog";
    @TempDir
    static Path dir;
    static Path config;
    static CliHarness.Result run;
    static JsonNode results;

    @BeforeAll
    static void runTheAppWorkloads() throws Exception {
        config = CliHarness.writeConfig(dir, "apps-rig", new String[] {"mb1"}, new String[] {"cpython", "pypy"});
        run = CliHarness.run("run", "--config", config.toString(), "--suite", APPS, "--repeat", "2", "--no-concurrency");
        CliHarness.Result json = CliHarness.run("results", "--config", config.toString(), "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        results = new ObjectMapper().readTree(json.out());
    }

    static JsonNode row(String cls) {
        for (JsonNode r : results.get("app_classes").get("rows")) {
            if (r.get("app_class").asText().equals(cls)) {
                return r;
            }
        }
        throw new AssertionError("no row " + cls + " in " + results.get("app_classes"));
    }

    static JsonNode workload(JsonNode row, String target, String w) {
        for (JsonNode c : row.get("cells").get(target).get("workloads")) {
            if (c.get("workload").asText().equals(w)) {
                return c;
            }
        }
        throw new AssertionError("no " + w + " on " + target);
    }

    @Test
    void everyAppClassRowHasAPickOrANoVerdictWithItsReasonAndTwoTestsToRun() {
        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        List<String> classes = new ArrayList<>();
        results.get("app_classes").get("rows").forEach(r -> classes.add(r.get("app_class").asText()));
        assertThat(classes).containsExactly("cli", "service", "pipeline", "embedded");
        for (String cls : classes) {
            JsonNode r = row(cls);
            assertThat(r.get("workloads")).as(cls).isNotEmpty();
            boolean pick = r.hasNonNull("pick");
            assertThat(pick || r.path("no_verdict").asText().length() > 10).as(cls + ": " + r).isTrue();
            if (pick) {
                assertThat(r.get("confidence").asText()).as(cls).isNotBlank();
            }
            assertThat(r.get("evidence")).as(cls).isNotEmpty();
            assertThat(r.get("tests")).as(cls).hasSize(2);
            r.get("tests").forEach(t -> assertThat(t.asText()).as(cls).containsPattern("\\d"));
        }
        // columns are every target; a board cannot serve a CLI or a service, and says why
        assertThat(row("service").get("cells").get("mb1").get("reason").asText()).contains("no sockets");
        assertThat(row("cli").get("cells").get("mb1").get("applicable").asBoolean()).isFalse();
        assertThat(row("embedded").get("cells").get("pypy").get("reason").asText()).contains("MB peak RSS");
    }

    @Test
    void theServiceRowShowsWarmP95PerRequestForEveryHost() {
        for (String host : List.of("cpython", "pypy")) {
            JsonNode w = workload(row("service"), host, "webreq");
            assertThat(w.get("outcome").asText()).isEqualTo("ok");
            assertThat(w.get("ops").asInt()).as("requests per call at tier s").isEqualTo(24);
            double p50 = w.get("p50_ns").asDouble();
            double p95 = w.get("p95_ns").asDouble();
            assertThat(p50).isPositive();
            assertThat(p95).isGreaterThanOrEqualTo(p50).isLessThanOrEqualTo(w.get("p99_ns").asDouble());
            // 24 requests take longer than one: a p95 per request cannot exceed the whole call's time
            assertThat(p95).isLessThan(w.get("warm_ns").asDouble());
            assertThat(w.get("ops_per_s").asDouble()).isPositive();
        }
        // the board measured its per-request times too (one repetition's 24 requests, ticks_us)
        assertThat(workload(row("service"), "mb1", "webreq").get("p95_ns").asDouble()).isPositive();
    }

    @Test
    void aWorkloadTooBigForTheBoardIsDoesNotFitWithTheHeapItNeededAndTheEmbeddedRowSaysSo() throws Exception {
        JsonNode dl = workload(row("embedded"), "mb1", "devlog");
        assertThat(dl.get("outcome").asText()).isEqualTo("DOES_NOT_FIT");
        long free = dl.get("heap_free_bytes").asLong();
        assertThat(free).as("a micro:bit's heap after the harness").isBetween(2_000L, 10_240L);
        assertThat(dl.get("heap_needed_bytes").asLong()).as("needed more than was free").isGreaterThan(free);
        // scaled from the readings it kept before running out to the 1,500 a host finished: well over the board's 10 KB
        assertThat(dl.get("ops_done").asInt()).isBetween(1, 1499);
        assertThat(dl.get("heap_estimate_bytes").asLong()).isGreaterThan(10_240L);
        assertThat(workload(row("embedded"), "mb1", "devloop").get("fits").asBoolean()).isTrue();
        assertThat(workload(row("embedded"), "cpython", "devlog").get("outcome").asText()).isEqualTo("ok");
        JsonNode emb = row("embedded");
        assertThat(emb.get("evidence").toString()).contains("devlog does not fit on mb1", "devlog fits on no board");
        assertThat(emb.get("tests").get(0).asText()).contains("devlog on mb1: did not fit, needed more than the "
                + free + " bytes free (about " + dl.get("heap_estimate_bytes").asLong() + " bytes)");
        // never dropped: the measurement is stored with its failure class
        List<String> stored = new ArrayList<>();
        results.get("measurements").forEach(m -> {
            if (m.get("benchmark").asText().equals("devlog") && m.get("target").asText().equals("mb1")) {
                stored.add(m.get("outcome").asText());
            }
        });
        assertThat(stored).containsOnly("DOES_NOT_FIT").isNotEmpty();
        // and the report shows the matrix first, before the environment
        CliHarness.Result md = CliHarness.run("report", "--config", config.toString(), "--format", "md");
        assertThat(md.exit()).as(md.err()).isZero();
        assertThat(md.out().indexOf("## Which interpreter for your app")).isPositive()
                .isLessThan(md.out().indexOf("## Environment"));
        assertThat(md.out()).contains("devlog: does not fit (needed more than the " + free + " bytes of heap free; about "
                + dl.get("heap_estimate_bytes").asLong() + " bytes by the " + dl.get("ops_done").asInt() + " operations");
    }
}
