package org.benchrig.selfbench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.benchrig.board.Board;
import org.benchrig.board.Emulator;
import org.benchrig.board.ExecResult;
import org.benchrig.board.ReplFailure;
import org.benchrig.stats.Summary;
import org.benchrig.time.Deadline;

/**
 * {@code selfbench link --stock-tool PATH}: the (c) transfers once more, benchrig's way on the
 * measured board and the real pyboard.py or mpremote on a second emulated board of the same
 * firmware, run by run in turn, so both see the same host load. The tool needs the port to itself
 * (a pty opens once at a time), hence its own board.
 */
public final class RealToolBench {
    /** A tool run opens the port and soft-resets the board: seconds, not the tens of ms of an exec. */
    static final Duration TOOL_WAIT = Duration.ofSeconds(30);
    private static final Duration EXEC_WAIT = Duration.ofSeconds(10);
    private static final Duration RESET_WAIT = Duration.ofSeconds(10);
    private static final int PROGRESS_EVERY = 10;

    private RealToolBench() {
    }

    public static LinkBench.Row transfers(Board board, Emulator toolBoard, RealStockTool tool, int runs, int scriptBytes,
                                          Path scratch, PrintWriter progress) throws IOException {
        SelfCheckScript script = SelfCheckScript.ofSize(scriptBytes);
        Path file = Files.writeString(Files.createDirectories(scratch).resolve("selfcheck.py"), script.source());
        progress.println("selfbench link: (c) with the real " + tool.name() + " " + tool.path() + ": " + runs
                + " runs each way, interleaved");
        progress.flush();
        int oursBad = 0;
        int toolBad = 0;
        int toolHung = 0;
        double[] toolMs = new double[runs];
        String firstBad = null;
        for (int i = 0; i < runs; i++) {
            try {
                ExecResult r = board.execChecked(script.source(), "<stdin>", 0, Deadline.in(EXEC_WAIT)).result()
                        .orElseThrow(() -> new ReplFailure(org.benchrig.result.FailureClass.INFRASTRUCTURE, false,
                                "output arrived damaged", ""));
                if (Verdict.judge(script.expectedStdout(), true, r.stdout(), r.error().map(e -> e.text()).orElse(""))
                        .corrupted()) {
                    oursBad++;
                }
            } catch (ReplFailure f) {
                oursBad++;
            }
            RealStockTool.Result t = tool.run(toolBoard.ptyPath(), file, TOOL_WAIT);
            toolMs[i] = t.elapsed().toNanos() / 1e6;
            Verdict v = Verdict.judge(script.expectedStdout(), t.answered(), t.stdout(), t.errorText());
            if (v.corrupted()) {
                toolBad++;
                firstBad = firstBad != null ? firstBad : v + ": " + abbreviate(t.stdout() + " " + t.errorText());
            }
            if (!t.answered()) {
                toolHung++;
                toolBoard.hardReset(Deadline.in(RESET_WAIT)); // the tool was killed at its deadline; the board may hang
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                progress.printf("  %d runs: corrupted benchrig %d, %s %d%n", i + 1, oursBad, tool.name(), toolBad);
                progress.flush();
            }
        }
        String toolText = LinkFigures.percent(toolBad, runs) + String.format(Locale.ROOT,
                "; median %.0f ms per run (process start, port open, soft reset, transfer)", Summary.of(toolMs).median())
                + (toolHung > 0 ? "; killed at the " + TOOL_WAIT.toSeconds() + " s deadline: " + toolHung : "")
                + (firstBad == null ? "" : "; first failure: " + firstBad);
        return new LinkBench.Row("(c) corrupted transfers of a " + script.bytes() + " B self-checking script, vs the REAL "
                + tool.name() + " (" + tool.path() + ") on a second emulated board", runs + " + " + runs,
                LinkFigures.percent(oursBad, runs), toolText, "-");
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 80) + "..." : one;
    }
}
