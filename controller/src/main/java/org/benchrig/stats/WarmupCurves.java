package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.WarmupValue;

/**
 * A run's warm-up curves of one host target on one benchmark, from what the store keeps: each
 * complete worker process (all values ok, warm-up values kept) with a cold sample's spawn-to-first-call
 * time (the cold whole process minus its first call: start-up and import) in front. Curve i pairs
 * process i mod P with cold sample i mod C, so every process and every cold sample is used.
 */
public final class WarmupCurves {
    private WarmupCurves() {
    }

    /** The curves of {@code target} on {@code benchmark}, or why there are none. */
    public record Curves(List<WarmupCurve> curves, String missing) {
    }

    public static Curves of(List<Measurement> ms, List<WarmupValue> warmups, String target, String benchmark) {
        List<Double> offsets = new ArrayList<>();
        Map<Integer, List<Measurement>> values = new TreeMap<>();
        for (Measurement m : ms) {
            if (!m.target().equals(target) || !m.benchmark().equals(benchmark) || m.host() == null) {
                continue;
            }
            if (m.mode() == Mode.COLD && m.outcome().isOk()) {
                Double o = offset(m);
                if (o != null) {
                    offsets.add(o);
                }
            } else if (m.mode() == Mode.WARM) {
                values.computeIfAbsent(m.host().process(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<Integer, List<WarmupValue>> warm = new TreeMap<>();
        for (WarmupValue w : warmups) {
            if (w.target().equals(target) && w.benchmark().equals(benchmark)) {
                warm.computeIfAbsent(w.process(), k -> new ArrayList<>()).add(w);
            }
        }
        List<Integer> complete = values.entrySet().stream()
                .filter(e -> warm.containsKey(e.getKey()) && e.getValue().stream().allMatch(WarmupCurves::usable))
                .map(Map.Entry::getKey).toList();
        if (offsets.isEmpty()) {
            return new Curves(List.of(), "no ok cold sample of " + benchmark + " on " + target + " (start-up unknown)");
        }
        if (complete.isEmpty()) {
            return new Curves(List.of(), values.isEmpty() ? "no warm values of " + benchmark + " on " + target
                    : warm.isEmpty() ? "no warm-up values of " + benchmark + " on " + target
                    + " stored (a run from before warm-up curves were kept)"
                    : "no worker process of " + benchmark + " on " + target + " with all its values ok");
        }
        List<WarmupCurve> curves = new ArrayList<>();
        for (int i = 0; i < Math.max(complete.size(), offsets.size()); i++) {
            int p = complete.get(i % complete.size());
            List<long[]> seq = new ArrayList<>();
            warm.get(p).stream().sorted(Comparator.comparingInt(WarmupValue::index))
                    .forEach(w -> seq.add(new long[] {w.loops(), w.valueNs()}));
            int valuesFrom = seq.size();
            List<Measurement> vs = values.get(p).stream().sorted(Comparator.comparingInt(Measurement::repetition)).toList();
            vs.forEach(v -> seq.add(new long[] {v.host().loops(), v.host().valueNs()}));
            curves.add(WarmupCurve.of(target, p, offsets.get(i % offsets.size()), seq, valuesFrom,
                    vs.stream().noneMatch(v -> v.host().unsteady())));
        }
        return new Curves(curves, null);
    }

    /** Spawn to the first call of a cold sample: its whole process less the first call, else start-up + import. */
    static Double offset(Measurement m) {
        Long first = m.host().firstCallNs();
        if (m.wallNs() != null && first != null && m.wallNs() > first) {
            return (double) (m.wallNs() - first);
        }
        if (m.host().startupNs() != null && m.host().importNs() != null) {
            return (double) (m.host().startupNs() + m.host().importNs());
        }
        return null;
    }

    private static boolean usable(Measurement m) {
        return m.outcome().isOk() && m.host().valueNs() != null && m.host().valueNs() > 0 && m.host().loops() > 0;
    }
}
