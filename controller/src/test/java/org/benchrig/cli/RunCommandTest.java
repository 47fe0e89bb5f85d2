package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.RunsHosts;

/** {@code benchrig run} end to end: a real emulated board, real python3 and pypy3, a real SQLite file. */
@NeedsEmulator
@RunsHosts
class RunCommandTest {
    @TempDir
    static Path dir;
    static Path config;
    static CliHarness.Result smoke;
    static String smokeRun;

    @BeforeAll
    static void runSmokeSuite() throws Exception {
        config = CliHarness.writeConfig(dir, "test-rig", new String[] {"mb1"}, new String[] {"cpython", "pypy"});
        smoke = CliHarness.run("run", "--config", config.toString(), "--suite", "smoke", "--repeat", "2");
        smokeRun = runId(smoke);
    }

    static String runId(CliHarness.Result r) {
        return r.out().replaceAll("(?s).*run (\\d+) stored in.*", "$1");
    }

    private static List<JsonNode> measurements(String run) throws Exception {
        CliHarness.Result json = CliHarness.run("results", "--config", config.toString(), "--run", run, "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        List<JsonNode> list = new java.util.ArrayList<>();
        new ObjectMapper().readTree(json.out()).get("measurements").forEach(list::add);
        return list;
    }

    @Test
    void smokeSuiteMeasuresEveryBenchmarkOnEveryTargetWithEqualSelfChecks() throws Exception {
        assertThat(smoke.exit()).as(smoke.err() + smoke.out()).isZero();
        assertThat(smoke.out()).contains("stored in", "spread", "web UI: http://127.0.0.1:8080/run?id=" + smokeRun);
        List<JsonNode> ms = measurements(smokeRun);
        Set<String> benchmarks = new HashSet<>();
        Map<String, Set<String>> checks = new HashMap<>();
        Map<String, Set<String>> modesPerTarget = new HashMap<>();
        for (JsonNode m : ms) {
            assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("ok");
            benchmarks.add(m.get("benchmark").asText());
            checks.computeIfAbsent(m.get("benchmark").asText(), k -> new HashSet<>()).add(m.get("check").asText());
            modesPerTarget.computeIfAbsent(m.get("target").asText(), k -> new HashSet<>()).add(m.get("mode").asText());
            assertThat(m.get("time_ns").asLong()).isPositive();
        }
        assertThat(benchmarks).hasSize(6);
        // every benchmark on every target: the board 2 repetitions, each host 2 cold processes and the
        // test protocol's warm values (CliHarness: TEST_PROCESSES worker processes of TEST_VALUES values)
        for (String b : benchmarks) {
            assertThat(ms).filteredOn(m -> m.get("benchmark").asText().equals(b) && m.get("target").asText().equals("mb1"))
                    .hasSize(2);
            for (String host : List.of("cpython", "pypy")) {
                List<JsonNode> mine = ms.stream().filter(m -> m.get("benchmark").asText().equals(b)
                        && m.get("target").asText().equals(host)).toList();
                assertThat(mine).filteredOn(m -> m.get("mode").asText().equals("cold")).hasSize(2);
                long warm = mine.stream().filter(m -> m.get("mode").asText().equals("warm")).count();
                assertThat(warm).isEqualTo((long) CliHarness.TEST_PROCESSES * CliHarness.TEST_VALUES);
            }
        }
        checks.forEach((bench, values) -> assertThat(values).as(bench + " self-check on every interpreter").hasSize(1));
        assertThat(modesPerTarget.get("cpython")).containsExactlyInAnyOrder("cold", "warm");
        assertThat(modesPerTarget.get("pypy")).containsExactlyInAnyOrder("cold", "warm");
        assertThat(ms).filteredOn(m -> m.get("target").asText().equals("mb1"))
                .allSatisfy(m -> assertThat(m.get("heap_free_before").asLong()).isPositive());
    }

    @Test
    void theBoardsConcurrencyCellsSayNotSupportedWithTheReason() throws Exception {
        CliHarness.Result r = CliHarness.run("run", "--config", config.toString(), "--suite", "fib",
                "--targets", "mb1", "--repeat", "1", "--concurrency");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        CliHarness.Result table = CliHarness.run("results", "--config", config.toString(), "--run", runId(r));
        assertThat(table.out()).contains("concurrency");
        for (String w : List.of("cpu", "echo", "fileio")) {
            assertThat(table.out()).containsPattern("mb1 +" + w + " +- .*not supported on this firmware: no _thread module"
                    + " \\(microbit, MicroPython 1\\.9\\.2\\)");
        }
    }

    @Test
    void tooBigForTheBoardIsDoesNotFitThereAndOkOnHostsAndWrongResultIsFlagged() throws Exception {
        CliHarness.Result r = CliHarness.run("run", "--config", config.toString(), "--suite", "bigalloc,wrongresult",
                "--targets", "mb1,cpython", "--repeat", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        String run = runId(r);
        Map<String, String> outcome = new HashMap<>();
        for (JsonNode m : measurements(run)) {
            outcome.put(m.get("benchmark").asText() + "@" + m.get("target").asText() + "/" + m.get("mode").asText(),
                    m.get("outcome").asText());
        }
        assertThat(outcome).containsEntry("bigalloc@mb1/cold", "DOES_NOT_FIT")
                .containsEntry("bigalloc@cpython/cold", "ok").containsEntry("bigalloc@cpython/warm", "ok")
                .containsEntry("wrongresult@mb1/cold", "WRONG_RESULT")
                .containsEntry("wrongresult@cpython/cold", "WRONG_RESULT");
        assertThat(r.out()).contains("DOES_NOT_FIT", "WRONG_RESULT");
    }

    @Test
    void csvAndJsonCarryTheSameMeasurements() throws Exception {
        CliHarness.Result csv = CliHarness.run("results", "--config", config.toString(), "--run", smokeRun,
                "--format", "csv");
        assertThat(csv.exit()).isZero();
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.out())) {
            rows = it.readAll();
        }
        List<JsonNode> json = measurements(smokeRun);
        assertThat(rows).hasSize(json.size());
        Map<String, Map<String, String>> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.get("id"), r));
        for (JsonNode m : json) {
            Map<String, String> row = byId.get(m.get("id").asText());
            assertThat(row).as(m.get("id").asText()).isNotNull();
            for (String f : List.of("target", "benchmark", "mode", "repetition", "time_ns", "check", "outcome")) {
                assertThat(row.get(f)).as(f).isEqualTo(m.get(f).isNull() ? "" : m.get(f).asText());
            }
        }
    }

    @Test
    void runsListsTheStoredRuns() throws Exception {
        CliHarness.Result r = CliHarness.run("runs", "--config", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("state", "done", "smoke", "mb1,cpython,pypy");
        CliHarness.Result json = CliHarness.run("runs", "--config", config.toString(), "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode smokeRow = null;
        for (JsonNode run : new ObjectMapper().readTree(json.out())) {
            smokeRow = run.get("id").asText().equals(smokeRun) ? run : smokeRow;
        }
        assertThat(smokeRow).as(json.out()).isNotNull();
        assertThat(smokeRow.get("state").asText()).isEqualTo("done");
        assertThat(smokeRow.get("targets")).extracting(JsonNode::asText).containsExactly("mb1", "cpython", "pypy");
        assertThat(smokeRow.get("started_at").asText()).isNotBlank();
        CliHarness.Result csv = CliHarness.run("runs", "--config", config.toString(), "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(readCsv(csv.out())).anySatisfy(row -> assertThat(row).containsEntry("id", smokeRun)
                .containsEntry("state", "done").containsEntry("targets", "mb1;cpython;pypy"));
    }

    @Test
    void exportsSayWhatEachTargetWas() throws Exception {
        CliHarness.Result json = CliHarness.run("results", "--config", config.toString(), "--run", smokeRun,
                "--format", "json");
        JsonNode targets = new ObjectMapper().readTree(json.out()).get("targets");
        assertThat(targets.get("cpython").get("interpreter").asText()).isEqualTo("CPython");
        assertThat(targets.get("cpython").get("interpreter_version").asText()).matches("3\\.\\d+\\.\\d+.*");
        assertThat(targets.get("cpython").get("executable").asText()).startsWith("/");
        assertThat(targets.get("pypy").get("interpreter").asText()).isEqualTo("PyPy");
        JsonNode board = targets.get("mb1");
        assertThat(board.get("interpreter").asText()).isEqualTo("micropython");
        assertThat(board.get("interpreter_version").asText()).isEqualTo("1.9.2");
        assertThat(board.get("firmware_hash").asText()).hasSize(64);
        assertThat(board.get("board_model").asText()).isEqualTo("microbit");
        assertThat(board.get("emulated").asBoolean()).isTrue();
        assertThat(board.get("simulated_instruments").asBoolean()).isTrue();
        CliHarness.Result csv = CliHarness.run("results", "--config", config.toString(), "--run", smokeRun,
                "--format", "csv");
        List<Map<String, String>> rows = readCsv(csv.out());
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            JsonNode t = targets.get(row.get("target"));
            assertThat(row.get("interpreter")).isEqualTo(t.get("interpreter").asText());
            assertThat(row.get("interpreter_version")).isEqualTo(t.get("interpreter_version").asText());
            assertThat(row.get("firmware_hash")).isEqualTo(t.get("firmware_hash").isNull() ? "" : t.get("firmware_hash").asText());
            assertThat(row.get("emulated")).isEqualTo(t.get("emulated").asText());
        });
    }

    private static List<Map<String, String>> readCsv(String text) throws Exception {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            return it.readAll();
        }
    }
}
