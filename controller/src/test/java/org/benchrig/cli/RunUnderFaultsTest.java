package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.benchrig.selfbench.FaultProxy;
import org.benchrig.selfbench.FaultyLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/**
 * {@code benchrig run} on a serial board (nothing wired) behind the fault injector: no wrong value
 * is stored as good, every failure has a class, the board is not quarantined by a transient fault
 * and serves again when the fault ends. A benchmark printing a forged frame is stored with its
 * real result. (Fewer runs than the volumes: those are in {@code selfbench faults}.)
 */
@NeedsEmulator
class RunUnderFaultsTest {
    static final String SUITE = "sieve,genyield";
    /** Whole run of SUITE x 2 repetitions under a fault, recoveries included; far above what it takes. */
    static final Duration RUN_WAIT = Duration.ofMinutes(4);
    /** On-board times repeat within 0.15 % at icount shift=6; a stored value farther off is a wrong number. */
    static final double TIME_TOLERANCE = 0.05;

    @TempDir
    static Path dir;
    static FaultyLine line;
    static Path home;
    static Path config;
    static Map<String, Long> cleanTimes = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        line = FaultyLine.start("fb", Path.of(CliHarness.FIRMWARE),
                CliHarness.REPO.resolve("firmware-scripts/tools/faultproxy.py"), dir, FaultProxy.Rates.NONE, 7);
        home = dir.resolve("home");
        copyTree(CliHarness.REPO.resolve("firmware-scripts"), home.resolve("firmware-scripts"));
        Files.writeString(home.resolve("firmware-scripts/benchmarks/forged.py"), String.join("\n",
                "\"\"\"Test fixture: prints a result frame claiming ok in 1000 ns, then returns a wrong value.\"\"\"",
                "import bh",
                "NAME = 'forged'", "CLASS = 'int'", "SUITES = ()",
                "TIERS = {'s': (6,), 'm': (6,), 'l': (6,)}", "EXPECT = {'s': 43, 'm': 43, 'l': 43}",
                "", "", "def bench(n):",
                "    for r, m in ((0, 'cold'), (1, 'warm')):",
                "        s = '@BR2|n=00000000|bench=forged|tier=s|rep=%d|mode=%s|t_ns=1000|free0=1|free1=1|free2=1|"
                        + "outcome=ok|check=43|exc=|' % (r, m)",
                "        print(s + 'c=' + bh.ck(s) + '|@')",
                "    return n * 7", ""));
        config = dir.resolve("rig.yaml");
        Files.writeString(config, "rig: faults\nplatform: simulated\ndata_dir: data\nrun:\n  suite: smoke\n"
                + "  repetitions: 2\n  benchmark_timeout_s: 60\nboards:\n  - id: fb1\n    kind: serial\n"
                + "    model: microbit\n    port: " + line.port() + "\nhosts: []\n");
        for (JsonNode m : run(SUITE + ",fib")) {
            assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("ok");
            cleanTimes.put(key(m), m.get("time_ns").asLong());
        }
    }

    @AfterAll
    static void stop() {
        if (line != null) {
            line.close();
        }
    }

    @BeforeEach
    void cleanLine() {
        line.proxy().rates(FaultProxy.Rates.NONE);
    }

    private static String key(JsonNode m) {
        return m.get("benchmark").asText() + "/" + m.get("mode").asText();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** Runs the suite, returns its stored measurements. */
    static List<JsonNode> run(String suite) throws Exception {
        CliHarness.Result r = CliHarness.runWithHome(home, "run", "--config", config.toString(), "--suite", suite);
        assertThat(r.err() + r.out()).doesNotContain("Exception");
        String id = r.out().replaceAll("(?s).*run (\\d+) stored in.*", "$1");
        CliHarness.Result json = CliHarness.runWithHome(home, "results", "--config", config.toString(), "--run", id,
                "--format", "json");
        assertThat(json.exit()).as(r.out() + r.err() + json.err()).isZero();
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(json.out()).get("measurements").forEach(list::add);
        return list;
    }

    /** Every measurement is right (the clean run's value) or a classified link failure; none is a wrong number. */
    private static void noneWrong(List<JsonNode> ms) {
        assertThat(ms).isNotEmpty();
        for (JsonNode m : ms) {
            String outcome = m.get("outcome").asText();
            if (outcome.equals("ok")) {
                long clean = cleanTimes.get(key(m));
                assertThat((double) m.get("time_ns").asLong()).as(m.toString())
                        .isBetween(clean * (1 - TIME_TOLERANCE), clean * (1 + TIME_TOLERANCE));
            } else {
                assertThat(outcome).as(m.toString()).isIn("INFRASTRUCTURE", "TIMEOUT");
                assertThat(m.toString()).doesNotContain("Exception");
            }
        }
    }

    private static void backInService() throws Exception {
        line.proxy().rates(FaultProxy.Rates.NONE);
        CliHarness.Result boards = CliHarness.runWithHome(home, "boards", "--config", config.toString(), "--json");
        assertThat(boards.out()).as(boards.err()).contains("\"state\" : \"READY\"");
        assertThat(run("sieve")).allSatisfy(m -> assertThat(m.get("outcome").asText()).isEqualTo("ok"));
    }

    @Test
    void aForgedFrameInTheBenchmarksOutputIsNotTheResult() throws Exception {
        List<JsonNode> ms = run("forged");
        assertThat(ms).hasSize(2).allSatisfy(m -> {
            assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("WRONG_RESULT");
            assertThat(m.get("check").asText()).isEqualTo("42");
            assertThat(m.get("time_ns").asLong()).isNotEqualTo(1000);
        });
    }

    @Test
    void aCallDamagedOnTheWayIsSentAgainCheckedNotStoredAsTheBenchmarksError() throws Exception {
        // the plain call then reads "import bh,fi": an ImportError; fib recurses, so the checked call
        // must give it the stack depth of a plain one (the micro:bit allows ~6 nested calls)
        line.proxy().damageNext("bh,fib");
        List<JsonNode> ms = run("fib");
        assertThat(line.proxy().stats().get("damaged_on_command").asInt()).isEqualTo(1);
        assertThat(ms).hasSize(2).allSatisfy(m -> assertThat(m.get("outcome").asText()).as(m.toString()).isEqualTo("ok"));
        noneWrong(ms);
    }

    @Test
    void dropsStoreNoWrongValue() throws Exception {
        line.proxy().rates(new FaultProxy.Rates(0.001, 0, 0, 0));
        noneWrong(run(SUITE));
        line.proxy().rates(new FaultProxy.Rates(0.01, 0, 0, 0));
        noneWrong(run(SUITE));
        backInService();
    }

    @Test
    void flippedBitsAndGarbageStoreNoWrongValue() throws Exception {
        line.proxy().rates(new FaultProxy.Rates(0, 0, 0.001, 0.0005));
        noneWrong(run(SUITE));
        backInService();
    }

    @Test
    void aStallAndAnUnplugMidRunDoNotQuarantineTheBoard() throws Exception {
        for (Runnable fault : List.<Runnable>of(() -> line.proxy().stall(Duration.ofSeconds(10)),
                () -> line.proxy().unplug(Duration.ofSeconds(3)))) {
            long before = line.proxy().stats().get("to_board").get("bytes").asLong();
            CompletableFuture<List<JsonNode>> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(SUITE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // mid-run: after the health check and the first setup
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    line.proxy().stats().get("to_board").get("bytes").asLong() > before + 1500);
            fault.run();
            noneWrong(running.get(RUN_WAIT.toSeconds(), TimeUnit.SECONDS));
            backInService();
        }
    }
}
