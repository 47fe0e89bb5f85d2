package org.benchrig.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.ResultRow;
import org.benchrig.bench.RunListener;
import org.benchrig.bench.RunPlan;
import org.benchrig.bench.Target;
import org.benchrig.result.Measurement;
import org.benchrig.result.ScalingPoint;

/**
 * Shows a run's progress: on a terminal one redrawn bar per target (done/total, current
 * benchmark, ETA); elsewhere (logs, CI) one plain line per event.
 */
public final class ProgressPrinter implements RunListener {
    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean redraw;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private boolean drawn;

    private static final class Line {
        final long startedNanos = System.nanoTime();
        int total;
        int done;
        int failed;
        String current = "";
        String state = "starting";
    }

    private static final String CONCURRENCY = "concurrency workloads";

    public ProgressPrinter(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public synchronized void started(long runId, RunPlan plan) {
        for (Target t : plan.targets()) {
            Line l = new Line();
            l.total = plan.expectedFor(t);
            lines.put(t.id(), l);
        }
        out.printf("run %d: suite %s, %d benchmarks x %d targets (%s), %d repetitions%n", runId, plan.suite(),
                plan.benchmarks().size(), plan.targets().size(), String.join(", ", plan.targetIds()), plan.repetitions());
        render(null);
    }

    @Override
    public synchronized void benchmarkStarted(String target, Benchmark benchmark) {
        Line l = lines.get(target);
        l.current = benchmark.name();
        l.state = "running";
        render(redraw ? null : "[" + target + "] " + benchmark.name() + " ...");
    }

    @Override
    public synchronized void measured(Measurement m) {
        Line l = lines.get(m.target());
        l.done++;
        String note = null;
        if (!m.outcome().isOk()) {
            l.failed++;
            note = "[" + m.target() + "] " + m.benchmark() + " " + m.mode().name().toLowerCase() + " #" + m.repetition()
                    + ": " + m.outcome().label() + " " + oneLine(m.outcome().detail());
        } else if (!redraw) {
            note = "[" + m.target() + "] " + m.benchmark() + " " + m.mode().name().toLowerCase() + " #" + m.repetition()
                    + ": " + (m.timeNs() == null ? "-" : ResultRow.duration(m.timeNs())) + "  (" + l.done + "/" + l.total + ")";
        }
        render(note);
    }

    @Override
    public synchronized void targetFinished(String target, String problem) {
        Line l = lines.get(target);
        l.state = problem == null ? "done" : "FAILED: " + problem;
        l.current = "";
        render(redraw ? (problem == null ? null : "[" + target + "] " + problem) : "[" + target + "] " + l.state);
    }

    @Override
    public synchronized void concurrencyStarted(String target) {
        lines.values().stream().filter(o -> o.current.equals(CONCURRENCY)).forEach(o -> o.state = "done");
        Line l = lines.get(target);
        l.state = "running";
        l.current = CONCURRENCY;
        render("[" + target + "] concurrency workloads (threads, processes, asyncio, file I/O) ...");
    }

    @Override
    public synchronized void scaled(ScalingPoint p) {
        if (!p.outcome().isOk()) {
            render("[" + p.target() + "] " + p.workload() + ": " + p.outcome().label() + " " + oneLine(p.outcome().detail()));
        } else if (!redraw) {
            render("[" + p.target() + "] " + p.workload() + " " + p.kind() + " x" + p.workers() + " #" + p.trial()
                    + String.format(": %.0f ops/s", p.throughput()));
        } else {
            render(null);
        }
    }

    @Override
    public synchronized void warning(String target, String message) {
        render("[" + target + "] WARNING: " + message);
    }

    private void render(String note) {
        if (!redraw) {
            if (note != null) {
                out.println(note);
                out.flush();
            }
            return;
        }
        if (drawn) {
            out.print("\033[" + lines.size() + "A"); // back to the first bar
        }
        if (note != null) {
            out.print("\033[2K" + note + "\n");
        }
        lines.forEach((id, l) -> out.print("\033[2K" + bar(id, l) + "\n"));
        drawn = true;
        out.flush();
    }

    private static String bar(String id, Line l) {
        int filled = l.total == 0 ? 0 : Math.min(BAR_WIDTH, l.done * BAR_WIDTH / l.total);
        String eta = "";
        if (l.done > 0 && l.done < l.total) {
            long elapsed = System.nanoTime() - l.startedNanos;
            eta = " ETA " + clock(Duration.ofNanos(elapsed / l.done * (l.total - l.done)));
        }
        return String.format("%-10s [%s%s] %3d/%-3d %s%s%s", id, "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                l.done, l.total, l.state.equals("running") ? l.current : l.state, eta,
                l.failed > 0 ? "  (" + l.failed + " failed)" : "");
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static String oneLine(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
