package org.benchrig.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.benchrig.result.Measurement;
import org.benchrig.result.WarmupValue;
import org.benchrig.stats.WarmupCurve;
import org.benchrig.stats.WarmupCurves;
import org.benchrig.store.Store;
import org.benchrig.store.WarmupRecords;

/**
 * The run page's warm-up curves ({@code /api/runs/{id}/warmup}): per benchmark and host target,
 * each worker process's time per call against the call number (its warm-up values, then its values)
 * and the steady point, the first call of its values (where hostrun.py's steady-state rule held,
 * or its time cap ran out when {@code steady} is false).
 */
final class WarmupViews {
    private WarmupViews() {
    }

    /** The document: per benchmark a host ran, its hosts in name order; and how to read it. */
    record Doc(List<Bench> benchmarks, String note) {
    }

    record Bench(String benchmark, List<Host> hosts) {
    }

    /** One host target's worker processes, or {@code missing}: why there are none. */
    record Host(String target, String missing, List<WorkerProcess> processes) {
    }

    /**
     * One worker process: the call number of each value's last call and that value's time per call
     * (warm-up values first), how many are warm-up values, the first call of its values (the steady
     * point), the median of its values, and whether the steady-state rule held.
     */
    record WorkerProcess(int process, List<Double> calls, List<Double> nsPerCall, int warmups, double steadyFromCall,
                   double steadyNsPerCall, boolean steady) {
    }

    static Doc of(Store store, long runId) {
        return of(store.measurements(runId), new WarmupRecords(store).of(runId));
    }

    static Doc of(List<Measurement> ms, List<WarmupValue> warmups) {
        Map<String, Set<String>> hostsOf = new TreeMap<>();
        ms.stream().filter(m -> m.host() != null)
                .forEach(m -> hostsOf.computeIfAbsent(m.benchmark(), k -> new TreeSet<>()).add(m.target()));
        Map<String, Integer> warmupsOf = new HashMap<>();
        warmups.forEach(w -> warmupsOf.merge(w.target() + "|" + w.benchmark() + "|" + w.process(), 1, Integer::sum));
        List<Bench> benches = new ArrayList<>();
        hostsOf.forEach((bench, hosts) -> {
            List<Host> perHost = new ArrayList<>();
            for (String target : hosts) {
                WarmupCurves.Curves c = WarmupCurves.of(ms, warmups, target, bench);
                Map<Integer, WorkerProcess> processes = new TreeMap<>();
                // a process paired with several cold samples gives several curves with the same calls: one is enough
                for (WarmupCurve k : c.curves()) {
                    processes.computeIfAbsent(k.process(), p -> process(k, warmupsOf.getOrDefault(target + "|" + bench + "|" + p, 0)));
                }
                perHost.add(new Host(target, c.missing(), new ArrayList<>(processes.values())));
            }
            benches.add(new Bench(bench, perHost));
        });
        return new Doc(benches, "time per call of each worker process against the call number "
                + "(each point: one warm-up value or value, loops calls timed together, at its last call); steady point: "
                + "the first call of the process's values, after its warm-up values");
    }

    /** One process: the call number and time per call of each of its values, warm-ups first. */
    private static WorkerProcess process(WarmupCurve k, int warmupValues) {
        double[] calls = k.calls();
        double[] ns = k.ns();
        List<Double> at = new ArrayList<>();
        List<Double> perCall = new ArrayList<>();
        for (int i = 1; i < calls.length; i++) {
            at.add(calls[i]);
            perCall.add((ns[i] - ns[i - 1]) / (calls[i] - calls[i - 1]));
        }
        int w = Math.min(warmupValues, calls.length - 2);
        return new WorkerProcess(k.process(), at, perCall, w, calls[w] + 1, k.steadyPerCall(), k.steady());
    }
}
