package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.benchrig.command.Table;
import org.benchrig.result.ScalingPoint;
import org.benchrig.stats.ScalingFigures;

/** The concurrency figures of a run as a text table, with the GIL finding per host under it. */
final class ConcurrencyTable {
    private ConcurrencyTable() {
    }

    static void print(List<ScalingPoint> points, PrintWriter out) {
        if (points.isEmpty()) {
            return;
        }
        List<ScalingFigures.Figure> figures = ScalingFigures.of(points);
        out.println();
        out.println("concurrency (median of trials; speedup and efficiency against one worker of the same kind):");
        Table t = new Table("target", "workload", "kind", "workers", "ops/s", "range", "speedup", "efficiency",
                "start", "note");
        for (ScalingFigures.Figure f : figures) {
            t.row(f.target(), f.workload(), f.kind(), f.workers() == 0 ? "" : f.workers(), num(f.throughput()),
                    f.low() == null ? "" : num(f.low()) + ".." + num(f.high()),
                    f.speedup() == null ? "" : String.format(Locale.ROOT, "%.2fx", f.speedup()),
                    f.efficiency() == null ? "" : String.format(Locale.ROOT, "%.0f%%", f.efficiency() * 100),
                    f.startNs() == null || f.startNs() == 0 ? "" : String.format(Locale.ROOT, "%.1f ms", f.startNs() / 1e6),
                    f.note());
        }
        t.print(out);
        figures.stream().map(ScalingFigures.Figure::target).distinct().forEach(target ->
                ScalingFigures.gilFinding(figures, target).ifPresent(g -> out.println(target + ": " + g)));
        out.flush();
    }

    private static String num(Double v) {
        return v == null ? "-" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
