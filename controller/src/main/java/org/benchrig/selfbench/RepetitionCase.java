package org.benchrig.selfbench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.benchrig.board.ExecResult;
import org.benchrig.stats.Summary;
import org.benchrig.time.Deadline;

/**
 * {@code selfbench link} (d): one repetition of a benchmark both ways (benchrig: one call of the
 * imported module; stock: the whole source re-sent, as MicroPython's perf runner does), and the
 * same with the benchmark call left out: what each way costs per repetition.
 */
final class RepetitionCase {
    /** Tries of the repetitions' import: a line this short is rarely damaged twice in a row. */
    private static final int IMPORT_ATTEMPTS = 3;

    private RepetitionCase() {
    }

    static List<LinkBench.Row> run(LinkSession s, int runs, LinkBench.Benchmark bench) {
        String mod = bench.name();
        String tier = bench.tier();
        s.phase("(d) one repetition of " + mod + " (tier " + tier + "), " + runs + " runs each way");
        s.softReset();
        s.board.ensureFile(mod + ".py", bench.source().getBytes(StandardCharsets.UTF_8), Deadline.in(LinkSession.UPLOAD_WAIT));
        // the same timed line both ways; the board's ticks are virtual time under QEMU's -icount, so
        // only the host's wall clock is compared here
        String timed = "t=time.ticks_us();r=%s;d=time.ticks_diff(time.ticks_us(),t)\nprint('@R|%%d|%%d|'%%(r==%s,d))";
        String oursCall = String.format(timed, mod + ".bench(*" + mod + ".TIERS['" + tier + "'])",
                mod + ".EXPECT['" + tier + "']");
        String stockScript = bench.source() + "\nimport time\n"
                + String.format(timed, "bench(*TIERS['" + tier + "'])", "EXPECT['" + tier + "']");
        // delivery only: the same two ways, with the benchmark call left out
        String oursEmpty = "print('@R|%d|0|'%(" + mod + ".NAME=='" + mod + "'))";
        String stockEmpty = bench.source() + "\nprint('@R|%d|0|'%(NAME=='" + mod + "'))";
        int resetsBefore = -1;
        Sample ours = new Sample(runs);
        Sample stockRun = new Sample(runs);
        Sample oursDelivery = new Sample(runs);
        Sample stockDelivery = new Sample(runs);
        for (int i = 0; i < runs; i++) {
            if (resetsBefore != s.hardResets()) { // a hard reset forgets the import
                importForRepetitions(s, mod);
                resetsBefore = s.hardResets();
            }
            oursRep(s, oursCall, ours);
            stockRep(s, stockScript, stockRun);
            oursRep(s, oursEmpty, oursDelivery);
            stockRep(s, stockEmpty, stockDelivery);
            s.tick(i, runs);
        }
        int bytes = stockScript.getBytes(StandardCharsets.UTF_8).length;
        String n = runs + " + " + runs;
        s.note("(d) stock = the benchmark's whole source plus the timed call (" + bytes + " B), re-sent and "
                + "compiled for every repetition, as MicroPython's perf runner does; benchrig = `"
                + oursCall.replace("\n", "; ") + "` after one verified upload and `import`. 'Delivery only' is "
                + "the same with the benchmark call left out: what each way costs per repetition beyond the "
                + "benchmark itself. Wall times on the host; a repetition whose answer was not ok "
                + "(lost bytes) is left out of the median and counted.");
        return List.of(
                new LinkBench.Row("(d) one repetition of " + mod + " '" + tier + "' (wall time)", n, ours.text(),
                        stockRun.text(), LinkFigures.ratio(ours.median(), stockRun.median())),
                new LinkBench.Row("(d) per-repetition delivery only (no benchmark call)", n, oursDelivery.text(),
                        stockDelivery.text(), LinkFigures.ratio(oursDelivery.median(), stockDelivery.median())));
    }

    /**
     * Imports the benchmark into the REPL's globals (execOwn would run it in a namespace of its own).
     * A byte lost from this tiny call shows as an exception: it is sent again, up to IMPORT_ATTEMPTS.
     */
    private static void importForRepetitions(LinkSession s, String mod) {
        for (int attempt = 1; ; attempt++) {
            ExecResult r = s.exec("import time," + mod);
            if (r.ok() || attempt >= IMPORT_ATTEMPTS) {
                r.stdoutOrThrow();
                return;
            }
        }
    }

    private static void oursRep(LinkSession s, String call, Sample into) {
        long t0 = System.nanoTime();
        ExecResult r = s.exec(call);
        double wall = LinkFigures.ms(System.nanoTime() - t0);
        long[] f = frame(r.ok() ? r.stdout() : "");
        into.add(wall, f != null && f[0] == 1);
    }

    private static void stockRep(LinkSession s, String script, Sample into) {
        StockTransfer.Result st = s.stockExec(script);
        long[] g = st.answered() && !st.raised() ? frame(st.stdout()) : null;
        boolean ok = g != null && g[0] == 1;
        if (!ok) {
            s.sample("(d)", "stock", st.stdout(), st.errorText());
        }
        into.add(LinkFigures.ms(st.elapsed().toNanos()), ok);
    }

    /** Parses "@R|ok|us|" into {ok, us}, or null. */
    static long[] frame(String stdout) {
        int at = stdout.indexOf("@R|");
        if (at < 0) {
            return null;
        }
        String[] f = stdout.substring(at + 3).split("\\|");
        try {
            return new long[] {Long.parseLong(f[0].strip()), Long.parseLong(f[1].strip())};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Wall times of the repetitions whose answers were right, and a count of the others. */
    private static final class Sample {
        private final double[] values;
        private int count;
        private int bad;

        Sample(int capacity) {
            values = new double[capacity];
        }

        void add(double wallMs, boolean ok) {
            if (ok) {
                values[count++] = wallMs;
            } else {
                bad++;
            }
        }

        double median() {
            return Summary.of(Arrays.copyOf(values, count)).median();
        }

        String text() {
            return count == 0 ? "no repetition ok; " + bad + " not ok"
                    : String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms (%d ok, %d not ok)", median(),
                    LinkFigures.p90(Arrays.copyOf(values, count)), count, bad);
        }
    }
}
