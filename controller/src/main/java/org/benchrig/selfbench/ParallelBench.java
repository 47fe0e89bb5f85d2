package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.bench.RunRequest;
import org.benchrig.bench.RunService;
import org.benchrig.stats.Summary;

/**
 * {@code selfbench parallel}: the wall time of a suite on all targets together against the
 * slowest target alone. 1.0 would be perfect parallelism; the targets share the host's cores.
 */
public final class ParallelBench {
    /** Per-target and together wall times (seconds), each over several rounds. */
    public record Report(Map<String, Summary> alone, Summary together, String slowest, double ratio, int rounds) {
    }

    private final RunService service;
    private final PrintWriter progress;

    /** {@code service} should store into a scratch database: these runs are not lab results. */
    public ParallelBench(RunService service, PrintWriter progress) {
        this.service = service;
        this.progress = progress;
    }

    public Report run(String suite, int repetitions, List<String> targets, int rounds) {
        // one untimed run first: it starts the emulators and puts the harness on the boards
        timeRun(suite, repetitions, targets);
        Map<String, List<Double>> alone = new LinkedHashMap<>();
        List<Double> together = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String t : targets) {
                double s = timeRun(suite, repetitions, List.of(t));
                alone.computeIfAbsent(t, k -> new ArrayList<>()).add(s);
                progress.printf("round %d/%d: %s alone %.2f s%n", round, rounds, t, s);
            }
            double s = timeRun(suite, repetitions, targets);
            together.add(s);
            progress.printf("round %d/%d: all %d together %.2f s%n", round, rounds, targets.size(), s);
            progress.flush();
        }
        Map<String, Summary> aloneSummary = new LinkedHashMap<>();
        alone.forEach((t, v) -> aloneSummary.put(t, Summary.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        String slowest = aloneSummary.entrySet().stream().max(Map.Entry.comparingByValue(
                (a, b) -> Double.compare(a.median(), b.median()))).orElseThrow().getKey();
        Summary all = Summary.of(together.stream().mapToDouble(Double::doubleValue).toArray());
        return new Report(aloneSummary, all, slowest, all.median() / aloneSummary.get(slowest).median(), rounds);
    }

    private double timeRun(String suite, int repetitions, List<String> targets) {
        long t0 = System.nanoTime();
        service.runNow(service.plan(new RunRequest(suite, targets, repetitions, "selfbench")), null);
        return (System.nanoTime() - t0) / 1e9;
    }
}
