package org.benchrig.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.benchrig.config.HostConfig;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HostValue;
import org.benchrig.result.Mode;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.RunsHosts;

@RunsHosts
class HostRunnerTest {
    static final Path REPO = Path.of(System.getProperty("benchrig.repo", "..")).toAbsolutePath().normalize();
    static final Path HARNESS = REPO.resolve("firmware-scripts/harness");
    static final Path BENCHMARKS = REPO.resolve("firmware-scripts/benchmarks");
    static final Duration T = Duration.ofSeconds(20);

    static HostConfig host(String interpreter, List<Integer> cpus) {
        return new HostConfig("h-" + interpreter.replaceAll("\\W", ""), interpreter, cpus, "s");
    }

    /** Two processes of two values lasting 20 ms: quick, and still every step of the protocol. */
    static final WarmProtocol QUICK = new WarmProtocol("test", 2, 2, 2, 20, 2, 0.03, 2);

    static List<HostSample> cold(HostRunner r, String bench, String expected, int reps) {
        List<HostSample> out = new ArrayList<>();
        r.runCold(bench, "s", expected, reps, T, out::add);
        return out;
    }

    static List<HostSample> warm(HostRunner r, String bench, String tier, String expected, WarmProtocol p, Duration t) {
        List<HostSample> out = new ArrayList<>();
        r.runWarm(bench, tier, expected, p, t, out::add);
        return out;
    }

    @Test
    void detectNamesCPythonAndPyPyWithVersions() {
        HostInterpreter cp = HostInterpreter.detect(host("python3", List.of()), Deadline.inMillis(10_000));
        HostInterpreter pp = HostInterpreter.detect(host("pypy3", List.of()), Deadline.inMillis(10_000));
        assertThat(cp.implementation()).isEqualTo("CPython");
        assertThat(cp.version()).matches("3\\.\\d+\\.\\d+.*");
        assertThat(Path.of(cp.executable())).isAbsolute().exists();
        assertThat(pp.implementation()).isEqualTo("PyPy");
        assertThat(pp.version()).matches("3\\.\\d+\\.\\d+.*");
        assertThat(pp.targetId()).isEqualTo("h-pypy3");
        assertThat(pp.command()).isEqualTo("pypy3");
    }

    @Test
    void missingInterpreterIsACleanHostException() {
        HostConfig cfg = new HostConfig("ghost", "/nonexistent/bin/python9", List.of(), "s");
        assertThatThrownBy(() -> HostInterpreter.detect(cfg, Deadline.inMillis(5_000)))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("ghost").hasMessageContaining("/nonexistent/bin/python9");
        // the runner records it as an infrastructure failure per repetition, never throws
        List<HostSample> s = cold(new HostRunner(cfg, HARNESS, BENCHMARKS), "fib", "375", 2);
        assertThat(s).hasSize(2).allSatisfy(x -> {
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.INFRASTRUCTURE);
            assertThat(x.outcome().detail()).contains("ghost");
        });
    }

    @Test
    void coldIsTheWholeProcessSplitIntoStartUpImportAndFirstCall() {
        for (String interp : List.of("python3", "pypy3")) {
            List<HostSample> s = cold(new HostRunner(host(interp, List.of()), HARNESS, BENCHMARKS), "fib", "375", 3);
            assertThat(s).as(interp).hasSize(3);
            assertThat(s).extracting(HostSample::repetition).containsExactly(0, 1, 2);
            assertThat(s).extracting(x -> x.value().process()).containsExactly(0, 1, 2);
            assertThat(s).allSatisfy(x -> {
                assertThat(x.mode()).isEqualTo(Mode.COLD);
                assertThat(x.outcome().isOk()).as(x.toString()).isTrue();
                assertThat(x.check()).isEqualTo("375");
                HostValue v = x.value();
                assertThat(x.timeNs()).isPositive().isEqualTo(v.firstCallNs());
                assertThat(v.importNs()).isPositive();
                assertThat(v.startupNs()).isGreaterThan(1_000_000L);   // an interpreter start-up takes ms
                assertThat(v.steady()).isNull();
                // the whole process holds an interpreter start-up, the import and the first call
                assertThat(x.wallNs()).isGreaterThan(v.importNs() + v.firstCallNs() + 1_000_000L);
                assertThat(x.peakRssKb()).isPositive();
            });
        }
    }

    @Test
    void warmValuesAreCalibratedLoopsFromSeveralWorkerProcesses() {
        for (String interp : List.of("python3", "pypy3")) {
            List<HostSample> s = warm(new HostRunner(host(interp, List.of()), HARNESS, BENCHMARKS), "fib", "s", "375",
                    QUICK, T);
            assertThat(s).as(interp).hasSize(4);
            assertThat(s).extracting(HostSample::repetition).containsExactly(0, 1, 2, 3);
            assertThat(s).extracting(x -> x.value().process()).containsExactly(0, 0, 1, 1);
            assertThat(s).allSatisfy(x -> {
                assertThat(x.mode()).isEqualTo(Mode.WARM);
                assertThat(x.outcome().isOk()).as(x.toString()).isTrue();
                HostValue v = x.value();
                assertThat(v.warmups()).isGreaterThanOrEqualTo(2 * QUICK.warmupWindow());
                assertThat(Integer.bitCount(v.loops())).as("loops %d is a power of two", v.loops()).isEqualTo(1);
                assertThat(v.loops()).isGreaterThan(16);   // fib at 's' takes microseconds: many calls per value
                assertThat(v.valueNs()).isGreaterThanOrEqualTo(20_000_000L);
                assertThat((double) x.timeNs()).isCloseTo((double) v.valueNs() / v.loops(), within(1.0));
                assertThat(x.wallNs()).isNull();
                assertThat(x.peakRssKb()).isPositive();
            });
            // warm-up facts are the same on every value of one process
            assertThat(s.subList(0, 2)).extracting(x -> x.value().warmups()).containsOnly(s.get(0).value().warmups());
        }
    }

    @Test
    void wrongSelfCheckIsWrongResultDecidedByTheController() {
        HostRunner r = new HostRunner(host("python3", List.of()), HARNESS, BENCHMARKS);
        List<HostSample> c = cold(r, "wrongresult", "43", 1);
        List<HostSample> w = warm(r, "wrongresult", "s", "43", QUICK, T);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
        assertThat(c.get(0).outcome().detail()).contains("expected 43");
        // the first process's values are wrong: no second process is started
        assertThat(w).hasSize(2).allSatisfy(x -> assertThat(x.outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT));
        // and a right expectation makes the same frames ok: the controller decides, not the harness
        assertThat(cold(r, "wrongresult", c.get(0).check(), 1).get(0).outcome().isOk()).isTrue();
    }

    static Path benchDirWith(Path tmp, String name, String body) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("benchmarks"));
        Path harness = Files.createDirectories(tmp.resolve("harness"));
        try (var files = Files.list(HARNESS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py")).toList()) {
                Files.copy(f, harness.resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve(name + ".py"), "NAME = '" + name + "'\nCLASS = 'int'\nSUITES = ()\n" + body);
        return dir;
    }

    @Test
    void aBenchmarkThatNeverEndsTimesOutAndLeavesNoProcess(@TempDir Path tmp) throws IOException {
        Path dir = benchDirWith(tmp, "spin",
                "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\nimport subprocess\ndef bench(n):\n"
                + "    subprocess.Popen(['sleep', '300'])\n    while True:\n        n += 1\n");
        HostRunner r = new HostRunner(host("python3", List.of()), tmp.resolve("harness"), dir);
        r.interpreter();   // resolve outside the timed part
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        r.onProcessStart(started::add);

        long t0 = System.nanoTime();
        List<HostSample> s = warm(r, "spin", "s", "1", QUICK, Duration.ofSeconds(2));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(1_900L, 3_500L);
        assertThat(s).hasSize(2).allSatisfy(x -> {
            assertThat(x.mode()).isEqualTo(Mode.WARM);
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(x.timeNs()).isNull();
        });

        List<HostSample> c = new ArrayList<>();
        r.runCold("spin", "s", "1", 1, Duration.ofSeconds(2), c::add);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).outcome().failure()).isEqualTo(FailureClass.TIMEOUT);

        // one worker, then the -c pass start-up process and the cold process
        assertThat(started).hasSize(3).allSatisfy(h -> assertThat(h.isAlive()).isFalse());
        assertThat(started).allSatisfy(h -> assertThat(ProcessHandle.of(h.pid())).isEmpty());
        assertThat(ProcessHandle.current().descendants()).isEmpty();
    }

    @Test
    void aWorkerThatHangsKeepsTheValuesOfTheProcessesBeforeIt(@TempDir Path tmp) throws IOException {
        Path dir = benchDirWith(tmp, "hang1", "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\nimport sys\n"
                + "def bench(n):\n    while sys.argv[-1] == '1':\n        n += 1\n    return 1\n");
        HostRunner r = new HostRunner(host("pypy3", List.of()), tmp.resolve("harness"), dir);
        r.interpreter();
        List<HostSample> s = warm(r, "hang1", "s", "1", QUICK, Duration.ofSeconds(8));
        assertThat(s).extracting(x -> x.outcome().label()).containsExactly("ok", "ok", "TIMEOUT", "TIMEOUT");
        assertThat(s).extracting(x -> x.value().process()).containsExactly(0, 0, 1, 1);
        assertThat(ProcessHandle.current().descendants()).isEmpty();
    }

    @Test
    void anInterruptStopsTheRunAndKillsTheProcess(@TempDir Path tmp) throws Exception {
        Path dir = benchDirWith(tmp, "spin",
                "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\ndef bench(n):\n    while True:\n        n += 1\n");
        HostRunner r = new HostRunner(host("python3", List.of()), tmp.resolve("harness"), dir);
        r.interpreter();
        List<ProcessHandle> started = new CopyOnWriteArrayList<>();
        r.onProcessStart(started::add);
        List<HostSample> s = new CopyOnWriteArrayList<>();
        boolean[] flag = {false};
        Thread t = new Thread(() -> {
            r.runCold("spin", "s", "1", 3, Duration.ofSeconds(30), s::add);
            flag[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        // wait until the cold process (after its -c pass start-up process) is running
        await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
        t.interrupt();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(flag[0]).isTrue();
        assertThat(s).isEmpty();
        assertThat(started).hasSize(2).allSatisfy(h -> assertThat(h.isAlive()).isFalse());
    }

    @Test
    void whatABenchmarkPrintsCannotPassForAFrame(@TempDir Path tmp) throws IOException {
        // prints frame-shaped lines of every kind, with and without a guessed nonce, to stdout and fd 1
        String forged = "kind=cold|import_ns=1|first_call_ns=1|end_mono_ns=1|check=1|outcome=ok|exc=|maxrss_kb=1";
        String forgedValue = "kind=value|i=0|loops=1|value_ns=1|check=1|outcome=ok|exc=";
        // intact frames (bh.fr computes the checksum) with a guessed nonce, printed and written to fd 1
        Path dir = benchDirWith(tmp, "forger", "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\nimport os, bh\n"
                + "def bench(n):\n    for f in ('" + forged + "', '" + forgedValue + "'):\n"
                + "        bh.W = print\n        bh.fr('0', f)\n"
                + "        bh.W = lambda s: os.write(1, (s + '\\n').encode())\n        bh.fr('0', f)\n    return 2\n");
        HostRunner r = new HostRunner(host("python3", List.of()), tmp.resolve("harness"), dir);
        List<HostSample> c = cold(r, "forger", "1", 1);
        assertThat(c.get(0).outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
        assertThat(c.get(0).check()).isEqualTo("2");
        assertThat(c.get(0).value().importNs()).isGreaterThan(1);
        List<HostSample> w = warm(r, "forger", "s", "1", QUICK, T);
        assertThat(w).isNotEmpty().allSatisfy(x -> {
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
            assertThat(x.value().valueNs()).isGreaterThanOrEqualTo(20_000_000L);
        });
        // and ordinary output (xss prints a script tag) does not disturb a good result
        List<HostSample> s = cold(new HostRunner(host("python3", List.of()), HARNESS, BENCHMARKS), "xss", "<b>1</b>", 1);
        assertThat(s.get(0).outcome().isOk()).isTrue();
        assertThat(s.get(0).check()).isEqualTo("<b>1</b>");
    }

    @Test
    void aCrashWithATracebackIsABenchmarkErrorAndASilentDeathIsInfrastructure(@TempDir Path tmp) throws IOException {
        // KeyboardInterrupt is not an Exception: the harness does not catch it, the process dies with a traceback
        Path dir = benchDirWith(tmp, "boom", "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\n"
                + "def bench(n):\n    raise KeyboardInterrupt('boom')\n");
        Files.writeString(dir.resolve("sigkill.py"), "NAME = 'sigkill'\nCLASS = 'int'\nSUITES = ()\n"
                + "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\n"
                + "import os, signal\ndef bench(n):\n    os.kill(os.getpid(), signal.SIGKILL)\n");
        HostRunner r = new HostRunner(host("python3", List.of()), tmp.resolve("harness"), dir);
        List<HostSample> boom = cold(r, "boom", "1", 1);
        assertThat(boom.get(0).outcome().failure()).isEqualTo(FailureClass.BENCHMARK_ERROR);
        assertThat(boom.get(0).outcome().detail()).contains("KeyboardInterrupt");
        List<HostSample> killed = warm(r, "sigkill", "s", "1", QUICK, T);
        assertThat(killed).hasSize(2).allSatisfy(x -> {
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.INFRASTRUCTURE);
            assertThat(x.outcome().detail()).contains("signal 9");
        });
    }

    @Test
    void pinnedToCpuZero(@TempDir Path tmp) throws IOException {
        Path dir = benchDirWith(tmp, "affinity", "TIERS = {'s': (0,)}\nEXPECT = {'s': '[0]'}\n"
                + "import os\ndef bench(n):\n    return str(sorted(os.sched_getaffinity(0)))\n");
        HostRunner r = new HostRunner(host("python3", List.of(0)), tmp.resolve("harness"), dir);
        List<HostSample> s = cold(r, "affinity", "[0]", 1);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).outcome().isOk()).as(s.get(0).toString()).isTrue();
        assertThat(s.get(0).check()).isEqualTo("[0]");
        List<HostSample> fib = cold(new HostRunner(host("pypy3", List.of(0)), HARNESS, BENCHMARKS), "fib", "375", 1);
        assertThat(fib.get(0).outcome().isOk()).isTrue();
    }

    @Test
    void valuesThatMoveOneWayMakeAProcessUnsteadyButNoiseAndTooFewDoNot() throws Exception {
        // hostrun.py's own rule, run by the interpreter that runs it for real
        String cases = "print([hostrun.drifting(v) for v in ([100, 110, 125, 140], [140, 120, 110, 100], "
                + "[100, 90, 110, 140], [100, 101, 103, 104], [100, 130, 170], [119, 165, 369], [20, 30])])";
        Process p = new ProcessBuilder("python3", "-c", "import sys; sys.path.insert(0, sys.argv[1]); import hostrun; "
                + cases, HARNESS.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        // rising 40 %, falling 29 %: drift; up and down: noise; 4 % in order: within 20 %; three values
        // judged only when they double in order (1.7x: no, 3.1x: yes); two values: not judged
        assertThat(out).isEqualTo("[True, True, False, False, False, True, False]");
    }
}
