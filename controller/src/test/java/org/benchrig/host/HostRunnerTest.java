package org.benchrig.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.benchrig.config.HostConfig;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Mode;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRunnerTest {
    static final Path REPO = Path.of(System.getProperty("benchrig.repo", "..")).toAbsolutePath().normalize();
    static final Path HARNESS = REPO.resolve("firmware-scripts/harness");
    static final Path BENCHMARKS = REPO.resolve("firmware-scripts/benchmarks");
    static final Duration T = Duration.ofSeconds(20);

    static HostConfig host(String interpreter, List<Integer> cpus) {
        return new HostConfig("h-" + interpreter.replaceAll("\\W", ""), interpreter, cpus, "s");
    }

    static List<HostSample> cold(HostRunner r, String bench, int reps) {
        List<HostSample> out = new ArrayList<>();
        r.runCold(bench, "s", reps, T, out::add);
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
        List<HostSample> s = cold(new HostRunner(cfg, HARNESS, BENCHMARKS), "fib", 2);
        assertThat(s).hasSize(2).allSatisfy(x -> {
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.INFRASTRUCTURE);
            assertThat(x.outcome().detail()).contains("ghost");
        });
    }

    @Test
    void coldRunsAFreshProcessPerRepetitionOnBothInterpreters() {
        for (String interp : List.of("python3", "pypy3")) {
            List<HostSample> s = cold(new HostRunner(host(interp, List.of()), HARNESS, BENCHMARKS), "fib", 3);
            assertThat(s).as(interp).hasSize(3);
            assertThat(s).extracting(HostSample::repetition).containsExactly(0, 1, 2);
            assertThat(s).allSatisfy(x -> {
                assertThat(x.mode()).isEqualTo(Mode.COLD);
                assertThat(x.outcome().isOk()).as(x.toString()).isTrue();
                assertThat(x.check()).isEqualTo("375");
                assertThat(x.timeNs()).isPositive();
                assertThat(x.wallNs()).isGreaterThan(x.timeNs());
                assertThat(x.wallNs()).isGreaterThan(1_000_000L);   // an interpreter start-up takes ms
                assertThat(x.peakRssKb()).isPositive();
            });
        }
    }

    @Test
    void warmRunStreamsMeasuredRepetitionsAfterWarmUp() {
        for (String interp : List.of("python3", "pypy3")) {
            List<HostSample> s = new ArrayList<>();
            new HostRunner(host(interp, List.of()), HARNESS, BENCHMARKS).runWarm("fib", "m", 4, T, s::add);
            assertThat(s).as(interp).hasSize(4);
            assertThat(s).extracting(HostSample::repetition).containsExactly(0, 1, 2, 3);
            assertThat(s).allSatisfy(x -> {
                assertThat(x.mode()).isEqualTo(Mode.WARM);
                assertThat(x.outcome().isOk()).as(x.toString()).isTrue();
                assertThat(x.warmups()).isGreaterThanOrEqualTo(1);
                assertThat(x.timeNs()).isPositive();
                assertThat(x.wallNs()).isNull();
                assertThat(x.peakRssKb()).isPositive();
            });
            // warm-up facts are the same on every sample of the process
            assertThat(s).extracting(HostSample::warmups).containsOnly(s.get(0).warmups());
            assertThat(s).extracting(HostSample::steady).containsOnly(s.get(0).steady());
        }
    }

    @Test
    void wrongSelfCheckIsWrongResult() {
        HostRunner r = new HostRunner(host("python3", List.of()), HARNESS, BENCHMARKS);
        List<HostSample> c = cold(r, "wrongresult", 1);
        List<HostSample> w = new ArrayList<>();
        r.runWarm("wrongresult", "s", 2, T, w::add);
        assertThat(c).hasSize(1);
        assertThat(w).hasSize(2);
        assertThat(c.get(0).outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
        assertThat(w).allSatisfy(x -> {
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.WRONG_RESULT);
            assertThat(x.steady()).isFalse();   // a failing warm-up ends warm-up early
            assertThat(x.warmups()).isEqualTo(1);
        });
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

        List<HostSample> s = new ArrayList<>();
        long t0 = System.nanoTime();
        r.runWarm("spin", "s", 3, Duration.ofSeconds(2), s::add);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(1_900L, 3_500L);
        assertThat(s).hasSize(3).allSatisfy(x -> {
            assertThat(x.mode()).isEqualTo(Mode.WARM);
            assertThat(x.outcome().failure()).isEqualTo(FailureClass.TIMEOUT);
            assertThat(x.timeNs()).isNull();
        });

        List<HostSample> c = new ArrayList<>();
        r.runCold("spin", "s", 1, Duration.ofSeconds(2), c::add);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).outcome().failure()).isEqualTo(FailureClass.TIMEOUT);

        assertThat(started).hasSize(2).allSatisfy(h -> assertThat(h.isAlive()).isFalse());
        assertThat(started).allSatisfy(h -> assertThat(ProcessHandle.of(h.pid())).isEmpty());
        assertThat(ProcessHandle.current().descendants()).isEmpty();
    }

    @Test
    void warmSamplesArriveAsTheyArePrintedAndTheRestTimeOut(@TempDir Path tmp) throws IOException {
        // hangs on measured repetition 2 (bh.rep's locals say which repetition is running)
        Path dir = benchDirWith(tmp, "hang2", "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\nimport sys\n"
                + "def bench(n):\n    f = sys._getframe(1).f_locals\n"
                + "    while f.get('mode') == 'warm' and f.get('n') == 2:\n        n += 1\n    return 1\n");
        HostRunner r = new HostRunner(host("pypy3", List.of()), tmp.resolve("harness"), dir);
        r.interpreter();
        List<HostSample> s = new ArrayList<>();
        List<Long> arrived = new ArrayList<>();
        long t0 = System.nanoTime();
        r.runWarm("hang2", "s", 4, Duration.ofSeconds(3), x -> {
            s.add(x);
            arrived.add((System.nanoTime() - t0) / 1_000_000);
        });
        assertThat(s).extracting(x -> x.outcome().label()).containsExactly("ok", "ok", "TIMEOUT", "TIMEOUT");
        assertThat(arrived.get(1)).isLessThan(2_000L);       // streamed, not collected at the end
        assertThat(arrived.get(2)).isGreaterThanOrEqualTo(2_900L);
        assertThat(s).extracting(HostSample::warmups).containsOnly(s.get(0).warmups());
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
            r.runCold("spin", "s", 3, Duration.ofSeconds(30), s::add);
            flag[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        Thread.sleep(700);
        t.interrupt();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(flag[0]).isTrue();
        assertThat(s).isEmpty();
        assertThat(started).hasSize(1).allSatisfy(h -> assertThat(h.isAlive()).isFalse());
    }

    @Test
    void benchmarkOutputAroundFramesIsIgnored() {
        List<HostSample> s = cold(new HostRunner(host("python3", List.of()), HARNESS, BENCHMARKS), "xss", 1);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).outcome().isOk()).isTrue();
        assertThat(s.get(0).check()).isEqualTo("<b>1</b>");
    }

    @Test
    void aCrashWithATracebackIsABenchmarkErrorAndASilentDeathIsInfrastructure(@TempDir Path tmp) throws IOException {
        // KeyboardInterrupt is not an Exception: bh.rep does not catch it, the process dies with a traceback
        Path dir = benchDirWith(tmp, "boom", "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\n"
                + "def bench(n):\n    raise KeyboardInterrupt('boom')\n");
        Files.writeString(dir.resolve("sigkill.py"), "NAME = 'sigkill'\nCLASS = 'int'\nSUITES = ()\n"
                + "TIERS = {'s': (1,)}\nEXPECT = {'s': 1}\n"
                + "import os, signal\ndef bench(n):\n    os.kill(os.getpid(), signal.SIGKILL)\n");
        HostRunner r = new HostRunner(host("python3", List.of()), tmp.resolve("harness"), dir);
        List<HostSample> boom = cold(r, "boom", 1);
        assertThat(boom.get(0).outcome().failure()).isEqualTo(FailureClass.BENCHMARK_ERROR);
        assertThat(boom.get(0).outcome().detail()).contains("KeyboardInterrupt");
        List<HostSample> killed = new ArrayList<>();
        r.runWarm("sigkill", "s", 2, T, killed::add);
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
        List<HostSample> s = cold(r, "affinity", 1);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).outcome().isOk()).as(s.get(0).toString()).isTrue();
        assertThat(s.get(0).check()).isEqualTo("[0]");
        List<HostSample> fib = cold(new HostRunner(host("pypy3", List.of(0)), HARNESS, BENCHMARKS), "fib", 1);
        assertThat(fib.get(0).outcome().isOk()).isTrue();
    }
}
