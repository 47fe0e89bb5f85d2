package org.benchrig.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    static Map<String, Object> of(Store store, long runId) {
        return of(store.measurements(runId), new WarmupRecords(store).of(runId));
    }

    static Map<String, Object> of(List<Measurement> ms, List<WarmupValue> warmups) {
        Map<String, Set<String>> hostsOf = new TreeMap<>();
        ms.stream().filter(m -> m.host() != null)
                .forEach(m -> hostsOf.computeIfAbsent(m.benchmark(), k -> new TreeSet<>()).add(m.target()));
        Map<String, Integer> warmupsOf = new HashMap<>();
        warmups.forEach(w -> warmupsOf.merge(w.target() + "|" + w.benchmark() + "|" + w.process(), 1, Integer::sum));
        List<Map<String, Object>> benches = new ArrayList<>();
        hostsOf.forEach((bench, hosts) -> {
            List<Map<String, Object>> perHost = new ArrayList<>();
            for (String target : hosts) {
                WarmupCurves.Curves c = WarmupCurves.of(ms, warmups, target, bench);
                Map<Integer, Map<String, Object>> processes = new TreeMap<>();
                // a process paired with several cold samples gives several curves with the same calls: one is enough
                for (WarmupCurve k : c.curves()) {
                    processes.computeIfAbsent(k.process(), p -> process(k, warmupsOf.getOrDefault(target + "|" + bench + "|" + p, 0)));
                }
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("target", target);
                h.put("missing", c.missing());
                h.put("processes", new ArrayList<>(processes.values()));
                perHost.add(h);
            }
            benches.add(Events.map("benchmark", bench, "hosts", perHost));
        });
        return Events.map("benchmarks", benches, "note", "time per call of each worker process against the call number "
                + "(each point: one warm-up value or value, loops calls timed together, at its last call); steady point: "
                + "the first call of the process's values, after its warm-up values");
    }

    /** One process: the call number and time per call of each of its values, warm-ups first. */
    private static Map<String, Object> process(WarmupCurve k, int warmupValues) {
        double[] calls = k.calls();
        double[] ns = k.ns();
        List<Double> at = new ArrayList<>();
        List<Double> perCall = new ArrayList<>();
        for (int i = 1; i < calls.length; i++) {
            at.add(calls[i]);
            perCall.add((ns[i] - ns[i - 1]) / (calls[i] - calls[i - 1]));
        }
        int w = Math.min(warmupValues, calls.length - 2);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process", k.process());
        p.put("calls", at);
        p.put("ns_per_call", perCall);
        p.put("warmups", w);
        p.put("steady_from_call", calls[w] + 1);
        p.put("steady_ns_per_call", k.steadyPerCall());
        p.put("steady", k.steady());
        return p;
    }
}
