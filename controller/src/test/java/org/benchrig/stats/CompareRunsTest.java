package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.benchrig.cli.CliHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.RunsHosts;

/**
 * {@code benchrig compare} end to end on one emulated micro:bit and python3, smoke suite, 5
 * repetitions: A and B are the same firmware, interpreter and benchmarks (A/A); C runs from a copy
 * of firmware-scripts where fib's 's' tier does 28 instead of 25 rounds (about 10% more work).
 */
@NeedsEmulator
@RunsHosts
class CompareRunsTest {
    @TempDir
    static Path dir;
    static Path config;
    static String runA;
    static String runB;
    static String runC;

    @BeforeAll
    static void threeRuns() throws Exception {
        config = CliHarness.writeConfig(dir, "cmp-rig", new String[] {"mb1"}, new String[] {"cpython"});
        runA = run(CliHarness.REPO);
        runB = run(CliHarness.REPO);
        Path home = dir.resolve("home");
        copyTree(CliHarness.REPO.resolve("firmware-scripts"), home.resolve("firmware-scripts"));
        Path fib = home.resolve("firmware-scripts/benchmarks/fib.py");
        String src = Files.readString(fib);
        // sum over i < r of fib(4) + i: r = 25 gives 375, r = 28 gives 3 * 28 + 378 = 462
        String heavier = src.replace("'s': (4, 25)", "'s': (4, 28)").replace("'s': 375", "'s': 462");
        assertThat(heavier).isNotEqualTo(src);
        Files.writeString(fib, heavier);
        runC = run(home);
    }

    static String run(Path home) {
        CliHarness.Result r = CliHarness.runWithHome(home, "run", "--config", config.toString(), "--suite", "smoke",
                "--targets", "mb1,cpython", "--repeat", "5");
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        return r.out().replaceAll("(?s).*run (\\d+) stored in.*", "$1");
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.toString().contains("__pycache__")) {
                    Files.copy(p, t);
                }
            }
        }
    }

    static List<String> verdictLines(String out) {
        return out.lines().filter(l -> l.matches("^\\S+\\s+\\S+\\s+(cold|warm) .*")).toList();
    }

    @Test
    void sameFirmwareAndInterpretersTwiceFlagsNothing() {
        CliHarness.Result r = CliHarness.run("compare", "--config", config.toString(), runA, runB);
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = verdictLines(r.out());
        // 6 benchmarks x (mb1 cold + warm, cpython cold + warm)
        assertThat(lines).as(r.out()).hasSize(24);
        // the board's times are deterministic (QEMU -icount): the same firmware twice flags nothing.
        // python3's at n=5 on a shared 2-core host may really move between runs, so its verdicts
        // are counted above, not judged; the host noise floor has its own tests (WarningsOutliersSteadyTest).
        assertThat(lines).as(r.out()).filteredOn(l -> l.contains("mb1"))
                .hasSize(12).noneMatch(l -> l.contains(" slower") || l.contains(" faster"));
    }

    @Test
    void tenPercentMoreWorkInOneBenchmarkIsFlaggedAndNothingElse() {
        CliHarness.Result r = CliHarness.run("compare", "--config", config.toString(), runB, runC);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("note: benchmark fib changed: params s:4, 25 -> s:4, 28");
        List<String> lines = verdictLines(r.out());
        assertThat(lines).as(r.out()).anySatisfy(l -> assertThat(l).startsWith("fib").contains("mb1", "warm", " slower"));
        assertThat(lines).as(r.out()).filteredOn(l -> !l.startsWith("fib") && l.contains("mb1"))
                .hasSize(10).noneMatch(l -> l.contains(" slower") || l.contains(" faster"));
        System.out.println(r.out());
    }
}
