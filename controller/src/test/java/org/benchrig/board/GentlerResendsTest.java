package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.benchrig.config.Pacing;
import org.benchrig.result.FailureClass;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;

/**
 * A source that arrived damaged goes out again gentler, on a board whose receive buffer drops what
 * overflows it ({@link SmallBufferBoard}): only the gentler pacing gets through.
 */
class GentlerResendsTest {
    /** One of the controller's own scripts; its call is a few hundred bytes, many chunks. */
    static final String SCRIPT = "import gc\ngc.collect()\nprint('free', gc.mem_free())";
    static final SmallBufferBoard.Answer RAN = new SmallBufferBoard.Answer("free 9000\r\n", "");
    /** What MicroPython says to a call that lost bytes of its wrapper. */
    static final SmallBufferBoard.Answer SYNTAX_ERROR = new SmallBufferBoard.Answer("",
            "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2\r\nSyntaxError: invalid syntax\r\n");
    static final String CALL = OwnScripts.verifiedCall(SCRIPT);

    /** A board that runs our script's call when it arrived as sent, and refuses it (SyntaxError) otherwise. */
    static SmallBufferBoard board(int capacity, boolean endLostAfterOverflow) {
        return new SmallBufferBoard(capacity, endLostAfterOverflow, src -> src.equals(CALL) ? RAN : SYNTAX_ERROR);
    }

    static RawRepl repl(SmallBufferBoard board) {
        RawRepl repl = new RawRepl(board, Pacing.SAFE_DEFAULT, true);
        repl.enterRaw(Deadline.in(Duration.ofSeconds(5)));
        return repl;
    }

    /** Board.execOwn's way: the checked call, each re-send gentler, the sends' pacings kept in {@code sends}. */
    static ExecResult execOwn(RawRepl repl, GentlerResends sends) {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10));
        return OwnScripts.send("mb1", SCRIPT, sends, Board.OWN_SCRIPT_ATTEMPTS, call -> repl.exec(call, sends, deadline));
    }

    @Test
    void aDamagedOwnScriptIsSentAgainGentlerAndThenGetsThrough() {
        SmallBufferBoard board = board(20, false); // a 32-byte chunk overflows it, a 16-byte one fits
        RawRepl repl = repl(board);
        GentlerResends sends = new GentlerResends(Pacing.SAFE_DEFAULT);

        ExecResult r = execOwn(repl, sends);

        assertThat(r.stdout()).isEqualTo("free 9000\n");
        assertThat(sends.tried()).isEqualTo("pacings tried: 32 B / 5 ms, 16 B / 10 ms");
        assertThat(board.chunks()).hasSize(2);
        assertThat(Collections.max(board.chunks().get(0))).isEqualTo(32);
        assertThat(Collections.max(board.chunks().get(1))).isEqualTo(16);
        assertThat(board.chunks().get(1).stream().mapToInt(Integer::intValue).sum()).isEqualTo(CALL.length());

        // the next script starts at the board's configured pacing again (and is damaged once again here)
        execOwn(repl, new GentlerResends(Pacing.SAFE_DEFAULT));
        assertThat(Collections.max(board.chunks().get(2))).isEqualTo(32);
    }

    @Test
    void aScriptThatArrivesWholeIsSentOnceAtTheConfiguredPacing() {
        SmallBufferBoard board = board(64, false);
        GentlerResends sends = new GentlerResends(Pacing.SAFE_DEFAULT);
        assertThat(execOwn(repl(board), sends).stdout()).isEqualTo("free 9000\n");
        assertThat(sends.tried()).isEqualTo("pacing 32 B / 5 ms");
        assertThat(board.chunks()).hasSize(1);
        assertThat(board.lost()).isZero();
    }

    @Test
    void whenEvenTheGentlestPacingArrivesDamagedTheFailureSaysWhatWasTried() {
        SmallBufferBoard board = board(8, false); // smaller than the gentlest chunk
        RawRepl repl = repl(board);
        DamagedLink f = catchThrowableOfType(DamagedLink.class,
                () -> execOwn(repl, new GentlerResends(Pacing.SAFE_DEFAULT)));
        assertThat(f).isNotNull();
        assertThat(f.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(f.getMessage()).isEqualTo("board mb1 received the controller's script damaged 3 times in a row "
                + "(pacings tried: 32 B / 5 ms, 16 B / 10 ms, 16 B / 20 ms)");
        assertThat(board.chunks()).extracting(Collections::max).containsExactly(32, 16, 16);
    }

    /** Costs RawRepl.ANSWER_WAIT (5 s): the host waits that long for the OK that never comes. */
    @Test
    void aTransferTheBoardDidNotConfirmIsSentAgainGentler() {
        SmallBufferBoard board = board(20, true);
        RawRepl repl = repl(board);
        GentlerResends sends = new GentlerResends(Pacing.SAFE_DEFAULT);

        ExecResult r = repl.exec(CALL, sends, Deadline.in(Duration.ofSeconds(15)));

        assertThat(r.stdout()).isEqualTo("free 9000\n");
        assertThat(sends.tried()).isEqualTo("pacings tried: 32 B / 5 ms, 16 B / 10 ms");
        assertThat(board.chunks()).extracting(Collections::max).containsExactly(32, 16);
    }

    @Test
    void eachStepIsGentlerDownToTheNamedLimitsAndNeverFaster() {
        assertThat(Pacing.SAFE_DEFAULT.gentler()).isEqualTo(new Pacing(16, 10));
        assertThat(Pacing.SAFE_DEFAULT.gentler().gentler()).isEqualTo(new Pacing(16, 20));
        assertThat(new Pacing(16, 20).gentler()).isEqualTo(new Pacing(16, 20));
        assertThat(new Pacing(4096, 0).gentler()).isEqualTo(new Pacing(2048, 2));
        for (Pacing p : List.of(new Pacing(1, 0), new Pacing(8, 500), new Pacing(17, 19), new Pacing(64, 1))) {
            Pacing g = p.gentler();
            assertThat(g.chunkBytes()).as(p.label()).isLessThanOrEqualTo(p.chunkBytes());
            assertThat(g.gapMs()).as(p.label()).isGreaterThanOrEqualTo(p.gapMs());
        }
        assertThat(new Pacing(8, 500).gentler()).isEqualTo(new Pacing(8, 500));
        assertThat(new Pacing(17, 19).gentler()).isEqualTo(new Pacing(16, 20));
    }
}
