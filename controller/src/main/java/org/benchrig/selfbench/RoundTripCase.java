package org.benchrig.selfbench;

import static org.benchrig.selfbench.LinkFigures.ms;
import static org.benchrig.selfbench.LinkFigures.p90;

import java.util.Locale;
import org.benchrig.board.ExecResult;
import org.benchrig.stats.Summary;

/** {@code selfbench link} (a): the round trip of {@code print(1)}, both ways in turn on one session. */
final class RoundTripCase {
    private RoundTripCase() {
    }

    static LinkBench.Row run(LinkSession s, int runs) {
        s.phase("(a) round trip of print(1), " + runs + " runs each way");
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        int oursWrong = 0;
        int stockWrong = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ExecResult r = s.exec("print(1)");
            ours[i] = ms(System.nanoTime() - t0);
            if (!r.ok() || !r.stdout().equals("1\n")) {
                oursWrong++;
            }
            StockTransfer.Result st = s.stockExec("print(1)");
            theirs[i] = ms(st.elapsed().toNanos());
            if (Verdict.judge("1\n", st.answered(), st.stdout(), st.errorText()).corrupted()) {
                stockWrong++;
            }
            s.tick(i, runs);
        }
        if (oursWrong + stockWrong > 0) {
            s.note("(a) wrong answers to print(1): benchrig " + oursWrong + ", stock " + stockWrong + ".");
        }
        Summary a = Summary.of(ours);
        Summary b = Summary.of(theirs);
        return new LinkBench.Row("(a) round trip of `print(1)`, persistent session", runs + " + " + runs,
                String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms", a.median(), p90(ours)),
                String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms", b.median(), p90(theirs)),
                LinkFigures.ratio(a.median(), b.median()));
    }
}
