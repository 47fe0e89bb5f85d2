package org.benchrig.selfbench;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.benchrig.bench.Benchmark;
import org.benchrig.config.HostConfig;
import org.benchrig.host.HostRunner;
import org.benchrig.host.HostSample;
import org.benchrig.host.WarmProtocol;
import org.benchrig.result.HarnessFrame;
import org.benchrig.stats.Summary;

/**
 * Does the rig's warm value agree with a plain long loop ({@code ./benchrig selfbench hosts})? Per
 * benchmark and host: the rig's warm median per call (its own protocol: calibrated values, worker
 * processes, steady-state warm-up) next to {@code firmware-scripts/selfbench/refloop.py} (2 s of
 * calls, then values of at least 1 s) run right after it, as a ratio; and the PyPy/CPython speedup
 * each of them gives. Also the wall time the rig spent on each benchmark's host part, cold and warm.
 * The two take turns for {@code rounds} rounds and each figure is the median of its rounds: this
 * machine switches between two speeds about 1.8x apart for seconds at a time (one process's sieve
 * values went 118, 117, 115, then 67, 65, 65 us per call), so one rig run against one reference
 * loop minutes apart compares the machine's phases, not the methods.
 */
public final class HostsBench {
    /** The CPU-bound benchmarks the issue names, where a JIT's warm-up decides the answer. */
    public static final List<String> BENCHMARKS = List.of("nbody", "fannkuch", "sieve", "objchurn", "strbuild", "genyield");
    /** Cold processes per benchmark, as a default run's 5 repetitions. */
    static final int COLD_PROCESSES = 5;
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path scripts;
    private final PrintWriter log;

    public HostsBench(Path scripts, PrintWriter log) {
        this.scripts = scripts;
        this.log = log;
    }

    /** One benchmark on one host. */
    public record Row(String host, String interpreter, String benchmark, Double rigNs, Double refNs, int rigValues,
                      boolean steady, double hostPartSeconds, List<Double> rigRounds, List<Double> refRounds) {
        /** rig / reference; null without both. */
        public Double ratio() {
            return rigNs == null || refNs == null ? null : rigNs / refNs;
        }
    }

    /** Every benchmark on every host, the rig and the reference taking turns {@code rounds} times. */
    public List<Row> run(List<HostConfig> hosts, List<Benchmark> benchmarks, String tier, String preset, int rounds) {
        List<Row> rows = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            for (HostConfig h : hosts) {
                HostRunner runner = new HostRunner(h, scripts.resolve("harness"), scripts.resolve("benchmarks"));
                boolean jit = "pypy".equalsIgnoreCase(runner.interpreter().implementation());
                WarmProtocol protocol = WarmProtocol.of(h.protocol(), preset, jit);
                List<Double> rigRounds = new ArrayList<>();
                List<Double> refRounds = new ArrayList<>();
                int values = 0;
                boolean steady = true;
                double wall = 0;
                for (int round = 0; round < rounds; round++) {
                    List<HostSample> warm = new ArrayList<>();
                    long t0 = System.nanoTime();
                    if (round == 0) {
                        // the host part as a run spends it: cold processes, then the warm protocol
                        runner.runCold(b.name(), tier, b.expect().get(tier), COLD_PROCESSES, TIMEOUT, s -> { });
                    }
                    runner.runWarm(b.name(), tier, b.expect().get(tier), protocol, TIMEOUT, warm::add);
                    if (round == 0) {
                        wall = (System.nanoTime() - t0) / 1e9;
                    }
                    double[] ok = warm.stream().filter(s -> s.outcome().isOk() && s.timeNs() != null)
                            .mapToDouble(s -> s.timeNs()).toArray();
                    values += ok.length;
                    steady &= !warm.isEmpty() && warm.stream().noneMatch(s -> s.value() != null && s.value().unsteady());
                    if (ok.length > 0) {
                        rigRounds.add(Summary.of(ok).median());
                    }
                    Double ref = reference(runner.interpreter().executable(), b.name(), tier);
                    if (ref != null) {
                        refRounds.add(ref);
                    }
                    log.printf(Locale.ROOT, "selfbench hosts: %s %s round %d of %d: rig %s, reference %s%n", h.id(), b.name(),
                            round + 1, rounds, ns(ok.length == 0 ? null : rigRounds.get(rigRounds.size() - 1)), ns(ref));
                    log.flush();
                }
                rows.add(new Row(h.id(), runner.interpreter().implementation() + " " + runner.interpreter().version(),
                        b.name(), median(rigRounds), median(refRounds), values, steady, wall, rigRounds, refRounds));
            }
        }
        return rows;
    }

    private static Double median(List<Double> xs) {
        return xs.isEmpty() ? null : Summary.of(xs.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }

    private Double reference(String exe, String bench, String tier) {
        String nonce = HarnessFrame.freshNonce();
        Path script = scripts.resolve("selfbench").resolve("refloop.py");
        Process p = null;
        try {
            p = new ProcessBuilder(exe, script.toString(), scripts.resolve("benchmarks").toString(), bench, tier, nonce)
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Process proc = p;
            // the output is one line; read it on this thread, bounded by the wait below
            Thread killer = new Thread(() -> {
                try {
                    if (!proc.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        proc.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    proc.destroyForcibly();
                }
            }, "refloop-deadline");
            killer.setDaemon(true);
            killer.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return HarnessFrame.scan(out, nonce).frame().map(f -> f.number("per_call_ns")).map(Long::doubleValue)
                    .orElse(null);
        } catch (IOException e) {
            log.println("selfbench hosts: cannot run " + script + ": " + e.getMessage());
            return null;
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    /** The section for docs/performance.md: per-host ratios, then the speedups. */
    public static String markdown(List<Row> rows) {
        StringBuilder s = new StringBuilder("| benchmark | host | interpreter | rig warm per call | reference per call | "
                + "rig / reference (goal CPython 0.9-1.1, PyPy 0.8-1.25) | rounds: rig, reference (min-max) | steady "
                + "| host part, cold + warm |\n|---|---|---|---|---|---|---|---|---|\n");
        double total = 0;
        for (Row r : rows) {
            total += r.hostPartSeconds();
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d: %s, %s | %s | %.1f s |%n", r.benchmark(),
                    r.host(), r.interpreter(), ns(r.rigNs()), ns(r.refNs()), r.ratio() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", r.ratio()), Math.max(r.rigRounds().size(),
                            r.refRounds().size()), range(r.rigRounds()), range(r.refRounds()), r.steady() ? "yes" : "NO",
                    r.hostPartSeconds()));
        }
        s.append(String.format(Locale.ROOT, "%nHost part of these %d benchmarks: %.0f s in all.%n",
                rows.stream().map(Row::benchmark).distinct().count(), total));
        List<String> hosts = rows.stream().map(Row::host).distinct().toList();
        if (hosts.size() >= 2) {
            String a = hosts.get(0);
            String b = hosts.get(1);
            s.append(String.format(Locale.ROOT, "%n| benchmark | speedup %s over %s, rig | reference | rig / reference |%n"
                    + "|---|---|---|---|%n", b, a));
            for (String bench : rows.stream().map(Row::benchmark).distinct().toList()) {
                Row ra = find(rows, a, bench);
                Row rb = find(rows, b, bench);
                Double rig = ra == null || rb == null || ra.rigNs() == null || rb.rigNs() == null ? null : ra.rigNs() / rb.rigNs();
                Double ref = ra == null || rb == null || ra.refNs() == null || rb.refNs() == null ? null : ra.refNs() / rb.refNs();
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", bench, x(rig), x(ref),
                        rig == null || ref == null ? "-" : String.format(Locale.ROOT, "%.2f", rig / ref)));
            }
        }
        return s.toString();
    }

    private static String range(List<Double> xs) {
        return xs.isEmpty() ? "-" : ns(xs.stream().min(Double::compare).orElseThrow()) + "-"
                + ns(xs.stream().max(Double::compare).orElseThrow());
    }

    private static Row find(List<Row> rows, String host, String bench) {
        return rows.stream().filter(r -> r.host().equals(host) && r.benchmark().equals(bench)).findFirst().orElse(null);
    }

    private static String x(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2fx", v);
    }

    private static String ns(Double v) {
        return v == null ? "-" : v >= 1e6 ? String.format(Locale.ROOT, "%.2f ms", v / 1e6)
                : String.format(Locale.ROOT, "%.2f us", v / 1e3);
    }
}
