package org.benchrig.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.store.RunInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.TargetInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pyperf export against pyperf's documented JSON format 1.0, read back by a small reader of our own. */
class PyperfExportTest {
    static final TargetInfo PYPY = new TargetInfo("pypy", "host", "PyPy", "3.9.16", "/usr/bin/pypy3", null, null, "amd64",
            "command=pypy3;cpu=Intel(R) Xeon(R);cores=2;governor=unknown;load=0.5 0.4 0.3");
    /** pyperf's _CHECKED_METADATA: every run of one benchmark must agree on these. */
    static final Set<String> CHECKED = Set.of("aslr", "cpu_count", "cpu_model_name", "hostname", "inner_loops", "name",
            "platform", "python_executable", "python_implementation", "python_unicode", "python_version", "unit");

    static List<Measurement> sample() {
        List<Measurement> ms = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T10:00:00.123Z");
        int rep = 0;
        for (int p = 0; p < 2; p++) {
            for (int v = 0; v < 3; v++) {
                long value = 150_000_000L + v * 1_000_000L;
                ms.add(new Measurement("w" + rep, 7, "pypy", "nbody", "s", rep++, Mode.WARM, value / 32768, null,
                        HeapUse.none(), "-1076", Outcome.ok(), at, null, HostValue.warm(32768, p, 9 + p, true, value)));
            }
        }
        for (int c = 0; c < 3; c++) {
            ms.add(new Measurement("c" + c, 7, "pypy", "nbody", "s", c, Mode.COLD, 200_000L, 120_000_000L + c, HeapUse.none(),
                    "-1076", Outcome.ok(), at, null, HostValue.cold(c, 30_000_000L, 1_000_000L, 200_000L)));
        }
        ms.add(new Measurement("x", 7, "cpython", "nbody", "s", 0, Mode.WARM, 1L, null, HeapUse.none(), "-1076",
                Outcome.ok(), at, null, HostValue.warm(1, 0, 1, true, 1)));
        return ms;
    }

    /** A reader of pyperf's documented format; returns benchmark name -> all values, failing on a schema breach. */
    static Map<String, List<Double>> read(JsonNode doc) {
        assertThat(doc.path("version").asText()).isEqualTo("1.0");
        JsonNode suiteMeta = doc.path("metadata");
        assertThat(doc.path("benchmarks").isArray()).isTrue();
        assertThat(doc.path("benchmarks").size()).isPositive();
        Map<String, List<Double>> out = new HashMap<>();
        for (JsonNode b : doc.path("benchmarks")) {
            assertThat(b.path("runs").isArray() && b.path("runs").size() > 0).as("runs of %s", b).isTrue();
            Map<String, JsonNode> checked = null;
            String name = null;
            for (JsonNode run : b.path("runs")) {
                Map<String, JsonNode> meta = new HashMap<>();
                suiteMeta.fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue()));
                b.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue()));
                run.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue()));
                meta.values().forEach(v -> assertThat(v.isTextual() || v.isNumber()).as("metadata %s", v).isTrue());
                assertThat(meta.get("name").asText()).isNotBlank();
                name = meta.get("name").asText();
                if (meta.containsKey("loops")) {
                    assertThat(meta.get("loops").isInt() && meta.get("loops").asInt() >= 1).isTrue();
                }
                assertThat(meta.getOrDefault("unit", new ObjectMapper().getNodeFactory().textNode("second")).asText())
                        .isIn("second", "byte", "integer");
                Map<String, JsonNode> mine = new HashMap<>(meta);
                mine.keySet().retainAll(CHECKED);
                if (checked == null) {
                    checked = mine;
                } else {
                    assertThat(mine).as("checked metadata of every run").isEqualTo(checked);
                }
                JsonNode values = run.path("values");
                JsonNode warmups = run.path("warmups");
                assertThat(values.size() + warmups.size()).as("values and/or warmups").isPositive();
                for (JsonNode w : warmups) {
                    assertThat(w.size() == 2 && w.get(0).isInt() && w.get(0).asInt() >= 1 && w.get(1).asDouble() >= 0).isTrue();
                }
                for (JsonNode v : values) {
                    assertThat(v.isNumber() && v.asDouble() > 0).as("value %s", v).isTrue();
                    out.computeIfAbsent(name, k -> new ArrayList<>()).add(v.asDouble());
                }
            }
        }
        return out;
    }

    @Test
    void exportIsPyperfJsonWithPerLoopValuesOneRunPerProcessAndTheColdProcessApart(@TempDir Path tmp) throws Exception {
        RunInfo run = new RunInfo(7, "sim", "default", RunState.DONE, Instant.now(), Instant.now(), 5,
                List.of("pypy", "cpython"), null, 0L, null);
        JsonNode doc = new ObjectMapper().readTree(PyperfExport.of(run, PYPY, sample()).toString());
        Map<String, List<Double>> values = read(doc);
        assertThat(values).containsOnlyKeys("nbody", "nbody.cold");
        assertThat(values.get("nbody")).hasSize(6).first().satisfies(v ->
                assertThat(v).isCloseTo(150e-3 / 32768, org.assertj.core.api.Assertions.within(1e-12)));
        assertThat(values.get("nbody.cold")).hasSize(3).allSatisfy(v -> assertThat(v).isBetween(0.12, 0.121));
        assertThat(doc.at("/benchmarks/0/runs")).hasSize(2);
        assertThat(doc.at("/benchmarks/0/runs/1/metadata/benchrig_warmups").asInt()).isEqualTo(10);
        assertThat(doc.at("/metadata/python_implementation").asText()).isEqualTo("pypy");
        assertThat(doc.at("/metadata/cpu_count").asInt()).isEqualTo(2);
        // pyperf itself, where it is installed (it is not on this machine): its stats command must read the file
        Path f = Files.writeString(tmp.resolve("pypy.json"), doc.toString());
        Process probe = new ProcessBuilder("python3", "-c", "import pyperf").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor() == 0) {
            Process p = new ProcessBuilder("python3", "-m", "pyperf", "stats", f.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out).contains("Number of run with values: 2");
        }
    }
}
