package org.benchrig.bench;

import java.time.Duration;
import java.util.Optional;
import org.benchrig.board.Board;
import org.benchrig.board.BoardError;
import org.benchrig.board.BoardState;
import org.benchrig.board.ExecResult;
import org.benchrig.board.LinkLost;
import org.benchrig.board.ReplFailure;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Latency;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.time.Deadline;

/**
 * One try of one repetition on a board: the harness call ({@code bh.rep}), the checked-arguments
 * call before it ({@code bh.vc}), and what the answer is worth. Only a frame with this try's
 * nonce, a valid checksum, the fields asked for and a board verdict that agrees with the
 * controller's is a result; anything else is a fault to try again, or the benchmark's own failure.
 */
final class HarnessCall {

    /** What one try gave. */
    sealed interface Answer permits Result, Retry, Failed {
    }

    /** A trusted result: the frame's fields, read once, the controller's outcome, the exec's wall time. */
    record Result(Fields frame, Outcome outcome, Duration elapsed) implements Answer {
    }

    /**
     * A fault of the link, not the benchmark: try again.
     *
     * @param sendChecked the next try must first check its arguments on the board
     * @param recovered   the board was brought back (port reopened, reset) meanwhile
     */
    record Retry(String problem, boolean sendChecked, boolean recovered) implements Answer {
        Retry(String problem) {
            this(problem, false, false);
        }
    }

    /** The repetition's outcome: the benchmark's failure, or a fault the board did not come back from. */
    record Failed(Outcome outcome) implements Answer {
    }

    /** The fields of a repetition's frame, each read (and parsed) once. */
    record Fields(String bench, String tier, String rep, String mode, boolean damaged, Long timeNs, HeapUse heap,
                  String check, Latency latency, HarnessFrame.Decision decision) {
        static Fields of(HarnessFrame f, Object expected) {
            return new Fields(f.get("bench"), f.get("tier"), f.get("rep"), f.get("mode"), f.get("damaged").equals("1"),
                    f.number("t_ns"), f.heap(), f.get("check"), f.latency(), f.decide(expected));
        }
    }

    private final Board board;
    private final Benchmark bench;
    private final String tier;
    private final int rep;
    private final String mode;
    private final Object expected;

    HarnessCall(Board board, Benchmark bench, String tier, int rep, Mode mode) {
        this.board = board;
        this.bench = bench;
        this.tier = tier;
        this.rep = rep;
        this.mode = mode.name().toLowerCase();
        this.expected = bench.expect().get(tier);
    }

    /**
     * Sends the call's arguments to {@code bh.vc}, which checks them on the board: empty when they
     * arrived intact, else the problem.
     */
    Optional<String> verifyArguments(String nonce) {
        String vc = "import bh\nbh.vc('" + bench.name() + "','" + tier + "'," + rep + ",'" + mode + "','" + nonce + "','"
                + HarnessFrame.checksum(bench.name() + "|" + tier + "|" + rep + "|" + mode + "|" + nonce) + "')";
        try {
            ExecResult v = board.exec(vc, Deadline.in(BoardSetup.SETUP_WAIT));
            return !v.ok() || !v.stdout().isBlank() ? Optional.of("the checked call arrived damaged") : Optional.empty();
        } catch (ReplFailure | LinkLost f) {
            return Optional.of(f.getMessage());
        }
    }

    /**
     * The call with {@code nonce}. An exception from it is first taken for damage ({@code checked}
     * is false: the next try is sent checked); only one that repeats on a checked call with a frame
     * inside the harness or the benchmark's module is the benchmark's.
     */
    Answer call(String nonce, Duration timeout, boolean checked) {
        String src = "import bh," + bench.name() + "\nbh.rep(" + bench.name() + ",'" + tier + "'," + rep + ",'" + mode
                + "','" + nonce + "')";
        ExecResult r;
        try {
            r = board.exec(src, Deadline.in(timeout));
        } catch (ReplFailure | LinkLost f) {
            FailureClass fc = f instanceof ReplFailure rf ? rf.failureClass() : FailureClass.INFRASTRUCTURE;
            if (fc != FailureClass.INFRASTRUCTURE || !inService(board)) {
                return new Failed(Outcome.failed(fc, f.getMessage()));
            }
            return new Retry(f.getMessage(), false, true); // the board is back: run the repetition again
        }
        HarnessFrame.FrameScan scan = HarnessFrame.scan(r.stdout(), nonce);
        if (scan.frame().isEmpty()) {
            if (r.error().isPresent() && checked && raisedInCheckedCall(r.error().get(), bench.name())) {
                BoardError e = r.error().get(); // repeated on a verified call: the benchmark's own
                return new Failed(Outcome.failed(e.failureClass(), e.text()));
            }
            if (r.error().isPresent()) {
                return new Retry("the call raised " + r.error().get().type() + (checked ? " outside the benchmark" : ""),
                        true, false);
            }
            return new Retry(scan.damaged() > 0 ? "the result line arrived damaged" : "no result line arrived");
        }
        Fields f = Fields.of(scan.frame().get(), expected);
        if (f.damaged()) {
            return new Retry("the board found the call damaged");
        }
        if (!(f.bench().equals(bench.name()) && f.tier().equals(tier) && f.rep().equals(Integer.toString(rep))
                && f.mode().equals(mode))) {
            // a changed digit in the call still ran: send it checked
            return new Retry("the result line answers another call (" + f.bench() + " rep " + f.rep() + ")", true, false);
        }
        if (!f.decision().boardAgrees()) {
            return new Retry("the board's self-check contradicts the result it sent (" + f.decision().outcome().detail() + ")");
        }
        return new Result(f, f.decision().outcome(), r.elapsed());
    }

    /**
     * An exception that the benchmark raised: it has a frame in the harness or in the benchmark's
     * module (an import error inside it, a missing tier). One raised by the call's own lines (a
     * damaged name) has frames of {@code <stdin>} only.
     */
    static boolean raisedInCheckedCall(BoardError e, String bench) {
        return e.traceback().stream().anyMatch(l -> l.contains("File \"" + BoardSetup.HARNESS_NAME + "\"")
                || l.contains("File \"" + bench + ".py\""));
    }

    /** The board answered again after a fault: its last recovery worked and nobody quarantined it. */
    static boolean inService(Board board) {
        return board.state() != BoardState.RECOVERING && board.state() != BoardState.QUARANTINED;
    }
}
