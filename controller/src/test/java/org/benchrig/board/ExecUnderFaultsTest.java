package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.FailureClass;
import org.benchrig.selfbench.FaultProxy;
import org.benchrig.selfbench.FaultyLine;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/**
 * {@code exec} on a serial board behind the fault injector: whatever the line does, no wrong output
 * is accepted, every failure is classified within its deadline, and the board serves again once the
 * fault ends. (The full volumes are in {@code ./benchrig selfbench faults}.)
 */
@NeedsEmulator
class ExecUnderFaultsTest {
    static final Path PROXY = Path.of("..", "firmware-scripts", "tools", "faultproxy.py").toAbsolutePath();
    /** Per call: a slow call under 1 % loss resends several times; well below this. */
    static final Duration CALL_WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    static FaultyLine line;
    static Board board;

    @BeforeAll
    static void start() {
        line = FaultyLine.start("fx", EmulatedBoards.FIRMWARE, PROXY, dir, FaultProxy.Rates.NONE, 12);
        board = Boards.open(line.config("fx"), dir);
    }

    @AfterAll
    static void stop() {
        if (board != null) {
            board.close();
        }
        if (line != null) {
            line.close();
        }
    }

    @BeforeEach
    void cleanLine() {
        line.proxy().rates(FaultProxy.Rates.NONE);
    }

    /** What a batch of calls gave. */
    record Tally(int calls, int right, int wrong, int classified, List<String> reasons) {
    }

    /** Calls whose output depends on every byte of the source; each within its deadline. */
    static Tally calls(int n, int reruns) {
        int right = 0;
        int wrong = 0;
        int classified = 0;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = 1000 + i * 37;
            String src = "x=" + x + "\nfor k in range(3):\n print('v', k, x*7+k)";
            String expected = "v 0 " + (x * 7) + "\nv 1 " + (x * 7 + 1) + "\nv 2 " + (x * 7 + 2) + "\n";
            long t0 = System.nanoTime();
            try {
                FramedExec.Checked c = board.execChecked(src, "<stdin>", reruns, Deadline.in(CALL_WAIT));
                if (c.verified() && c.result().get().ok() && c.result().get().stdout().equals(expected)) {
                    right++;
                } else if (c.verified()) {
                    wrong++;
                    reasons.add("ACCEPTED WRONG: " + c.result().get());
                } else {
                    assertThat(c.problem()).isNotBlank();
                    classified++;
                    reasons.add(c.problem());
                }
            } catch (ReplFailure f) {
                assertThat(f.failureClass()).isIn(FailureClass.INFRASTRUCTURE, FailureClass.TIMEOUT);
                assertThat(f.getMessage()).doesNotContain("Exception");
                classified++;
                reasons.add(f.failureClass() + ": " + f.getMessage());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("call " + i)
                    .isLessThan(CALL_WAIT.plus(Board.RECOVERY_WAIT).plus(Duration.ofSeconds(5)));
        }
        return new Tally(n, right, wrong, classified, reasons);
    }

    private static void backInService() {
        line.proxy().rates(FaultProxy.Rates.NONE);
        Tally after = calls(2, 0);
        assertThat(after.right()).as(after.reasons().toString()).isEqualTo(2);
    }

    @Test
    void dropsOfOnePerThousandNeverGiveWrongOutput() {
        line.proxy().rates(new FaultProxy.Rates(0.001, 0, 0, 0));
        Tally t = calls(25, 0);
        assertThat(t.wrong()).as(t.reasons().toString()).isZero();
        assertThat(t.right()).as(t.reasons().toString()).isGreaterThan(t.calls() / 2);
        backInService();
    }

    @Test
    void dropsOfOnePercentWithRetryNeverGiveWrongOutput() {
        line.proxy().rates(new FaultProxy.Rates(0.01, 0, 0, 0));
        Tally t = calls(15, 3);
        assertThat(t.wrong()).as(t.reasons().toString()).isZero();
        assertThat(t.right() + t.classified()).isEqualTo(t.calls());
        assertThat(line.proxy().stats().get("to_board").get("dropped").asInt()).isPositive();
        backInService();
    }

    @Test
    void flippedBitsAndGarbageBurstsNeverGiveWrongOutput() {
        line.proxy().rates(new FaultProxy.Rates(0, 0, 0.001, 0.0005));
        Tally t = calls(20, 1);
        assertThat(t.wrong()).as(t.reasons().toString()).isZero();
        assertThat(t.right() + t.classified()).isEqualTo(t.calls());
        backInService();
    }

    @Test
    void aTenSecondStallIsRiddenOutOrClassifiedAndTheBoardServesAfter() {
        line.proxy().stall(Duration.ofSeconds(10));
        Tally t = calls(1, 0);
        assertThat(t.wrong()).isZero();
        backInService();
    }

    @Test
    void aThreeSecondUnplugIsClassifiedInPlainWordsAndTheBoardServesAfter() {
        line.proxy().unplug(Duration.ofSeconds(3));
        Tally t = calls(1, 0);
        assertThat(t.wrong()).isZero();
        assertThat(t.reasons()).allSatisfy(r -> assertThat(r).doesNotContain("SerialPort").doesNotContain("Exception"));
        backInService();
        assertThat(line.proxy().stats().get("unplugs").asInt()).isEqualTo(1);
    }
}
