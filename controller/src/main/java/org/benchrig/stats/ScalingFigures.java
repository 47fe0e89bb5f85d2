package org.benchrig.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.benchrig.result.ScalingPoint;

/**
 * What the concurrency trials of a run say: per target, workload, kind and worker count the median
 * throughput of its trials, the speedup over one worker of the same kind and the parallel
 * efficiency (speedup / workers), with the honest limits next to them.
 */
public final class ScalingFigures {
    /**
     * Threads "scale" when two workers do at least this much more than one. Below it a CPU-bound
     * thread pool is GIL-bound: 1.3 leaves room for noise on a 2-core machine, where processes reach ~1.9.
     */
    public static final double SCALES_AT = 1.3;
    /**
     * A GIL finding needs trials that agree: (fastest - slowest) / median at most this. Quiet, the
     * trials here agree within ~10 %; under a load of 6 per core they spread over 100 % and once
     * showed PyPy "scaling" threads.
     */
    public static final double MAX_SPREAD = 0.3;

    /**
     * One cell of the scaling table.
     *
     * @param throughput median operations per second of the trials, null when none succeeded
     * @param low        slowest trial's throughput
     * @param high       fastest trial's throughput
     * @param speedup    median over trials of throughput / throughput at one worker of the same kind in the
     *                   same trial, or null
     * @param efficiency speedup / workers, or null
     * @param startNs    median time to start the workers (processes: fork until ready)
     * @param note       a limit to read the figure with (more workers than cores, failures), or ""
     */
    public record Figure(String target, String workload, String kind, int workers, int trials, Double throughput,
                         Double low, Double high, Double speedup, Double efficiency, Long startNs, int cores,
                         String note) {
    }

    private ScalingFigures() {
    }

    /** Figures in a stable order: target, workload, kind, workers. */
    public static List<Figure> of(List<ScalingPoint> points) {
        Map<List<Object>, List<ScalingPoint>> cells = points.stream().collect(Collectors.groupingBy(
                p -> List.<Object>of(p.target(), p.workload(), p.kind(), p.workers()), LinkedHashMap::new,
                Collectors.toList()));
        List<Figure> out = new ArrayList<>();
        for (List<ScalingPoint> cell : cells.values()) {
            out.add(figure(cell, cells.get(List.<Object>of(cell.get(0).target(), cell.get(0).workload(),
                    cell.get(0).kind(), 1))));
        }
        out.sort(Comparator.comparing(Figure::target).thenComparing(Figure::workload).thenComparing(Figure::kind)
                .thenComparingInt(Figure::workers));
        return out;
    }

    private static Figure figure(List<ScalingPoint> cell, List<ScalingPoint> one) {
        ScalingPoint first = cell.get(0);
        List<Double> t = cell.stream().map(ScalingPoint::throughput).filter(v -> v != null).sorted().toList();
        Double median = median(t);
        Double speedup = speedup(cell, one);
        List<Double> starts = cell.stream().map(ScalingPoint::startNs).filter(v -> v != null)
                .map(Long::doubleValue).sorted().toList();
        Double start = median(starts);
        int cores = cell.stream().mapToInt(ScalingPoint::cores).max().orElse(0);
        List<String> notes = new ArrayList<>();
        if (ScalingPoint.NO_KIND.equals(first.kind())) {
            notes.add(first.outcome().detail());
        } else {
            long failed = cell.stream().filter(p -> !p.outcome().isOk()).count();
            if (failed > 0) {
                notes.add(failed + " of " + cell.size() + " trials failed: " + cell.stream()
                        .filter(p -> !p.outcome().isOk()).findFirst().map(p -> p.outcome().detail()).orElse(""));
            }
            if (cores > 0 && first.workers() > cores && "cpu".equals(first.workload())) {
                notes.add(first.workers() + " workers on " + cores + " cores: not extrapolated beyond the cores");
            } else if (cores > 0 && first.workers() > cores) {
                notes.add(first.workers() + " workers on " + cores + " cores: they overlap by waiting, not by running");
            }
        }
        return new Figure(first.target(), first.workload(), first.kind(), first.workers(), cell.size(), median,
                t.isEmpty() ? null : t.get(0), t.isEmpty() ? null : t.get(t.size() - 1), speedup,
                speedup == null || first.workers() == 0 ? null : speedup / first.workers(),
                start == null ? null : Math.round(start), cores, String.join("; ", notes));
    }

    /**
     * The median of per-trial ratios: trial i at W workers over trial i at one worker, which ran next
     * to it. The machine here switches speed by ~1.8x for seconds at a time; a ratio of two medians
     * can take one from a slow phase and the other from a fast one, a paired ratio cannot.
     */
    private static Double speedup(List<ScalingPoint> cell, List<ScalingPoint> one) {
        if (one == null) {
            return null;
        }
        Map<Integer, Double> base = new LinkedHashMap<>();
        one.stream().filter(p -> p.throughput() != null && p.throughput() > 0)
                .forEach(p -> base.put(p.trial(), p.throughput()));
        List<Double> ratios = cell.stream().filter(p -> p.throughput() != null && base.containsKey(p.trial()))
                .map(p -> p.throughput() / base.get(p.trial())).sorted().toList();
        return median(ratios);
    }

    /**
     * What the CPU-bound figures of one target say about its GIL, from the numbers: threads vs
     * processes at the most workers both ran; empty when the target has no such figures.
     */
    public static Optional<String> gilFinding(List<Figure> figures, String target) {
        Optional<Figure> threads = best(figures, target, "threads");
        Optional<Figure> procs = best(figures, target, "processes");
        if (threads.isEmpty() || procs.isEmpty() || threads.get().workers() != procs.get().workers()) {
            return Optional.empty();
        }
        Figure th = threads.get();
        Figure pr = procs.get();
        List<Figure> used = new ArrayList<>(List.of(th, pr));
        one(figures, target, "threads").ifPresent(used::add);
        one(figures, target, "processes").ifPresent(used::add);
        Optional<Figure> noisy = used.stream().filter(f -> spread(f) > MAX_SPREAD).findFirst();
        if (noisy.isPresent()) {
            Figure f = noisy.get();
            return Optional.of(String.format(Locale.ROOT, "no verdict on threads vs processes: the %s x%d trials "
                    + "vary by %.0f%% (more than %.0f%%; was the machine busy?)", f.kind(), f.workers(),
                    spread(f) * 100, MAX_SPREAD * 100));
        }
        String numbers = String.format(Locale.ROOT, "CPU-bound at %d workers: threads %.2fx, processes %.2fx over one worker",
                th.workers(), th.speedup(), pr.speedup());
        if (th.speedup() < SCALES_AT && pr.speedup() >= SCALES_AT) {
            return Optional.of(numbers + ": threads do not scale (GIL), processes do (start " + ms(pr.startNs()) + ")");
        }
        if (th.speedup() >= SCALES_AT) {
            return Optional.of(numbers + ": threads scale here");
        }
        return Optional.of(numbers + ": neither scales on this machine (" + th.cores() + " cores, load?)");
    }

    /** (fastest - slowest) / median of a figure's trials; infinite without a value. */
    public static double spread(Figure f) {
        return f.throughput() == null || f.throughput() <= 0 ? Double.POSITIVE_INFINITY
                : (f.high() - f.low()) / f.throughput();
    }

    private static Optional<Figure> one(List<Figure> figures, String target, String kind) {
        return figures.stream().filter(f -> f.target().equals(target) && f.workload().equals("cpu")
                && f.kind().equals(kind) && f.workers() == 1).findFirst();
    }

    private static Optional<Figure> best(List<Figure> figures, String target, String kind) {
        return figures.stream().filter(f -> f.target().equals(target) && f.workload().equals("cpu")
                        && f.kind().equals(kind) && f.workers() > 1 && f.speedup() != null)
                .filter(f -> f.cores() == 0 || f.workers() <= f.cores())
                .max(Comparator.comparingInt(Figure::workers));
    }

    private static String ms(Long ns) {
        return ns == null ? "?" : String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    private static Double median(List<Double> values) {
        return values.isEmpty() ? null : Summary.of(values.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }
}
