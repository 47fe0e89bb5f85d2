package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.result.FailureClass;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** The raw REPL against the real MicroPython firmware on an emulated micro:bit. */
@NeedsEmulator
class EmulatedBoardTest {
    @TempDir
    static Path runtime;
    static Board board;

    @BeforeAll
    static void start() {
        board = EmulatedBoards.start("t1", runtime);
    }

    @AfterAll
    static void stop() {
        if (board != null) {
            board.close();
        }
    }

    private static Deadline seconds(int s) {
        return Deadline.in(Duration.ofSeconds(s));
    }

    @Test
    void execReturnsTheBoardsOutput() {
        ExecResult r = board.exec("for i in range(3):\n print('line', i*i)", seconds(10));
        assertThat(r.ok()).isTrue();
        assertThat(r.stdout()).isEqualTo("line 0\nline 1\nline 4\n");
        assertThat(r.elapsed()).isPositive();
    }

    @Test
    void exceptionComesBackWithTypeMessageAndTraceback() {
        ExecResult r = board.exec("def f(x):\n raise ValueError('bad value %d' % x)\nprint('before')\nf(7)", seconds(10));
        assertThat(r.stdout()).isEqualTo("before\n");
        BoardError e = r.error().orElseThrow();
        assertThat(e.type()).isEqualTo("ValueError");
        assertThat(e.message()).isEqualTo("bad value 7");
        assertThat(e.traceback()).anyMatch(l -> l.contains("line 2")).anyMatch(l -> l.contains("line 4"));
        assertThat(e.failureClass()).isEqualTo(FailureClass.BENCHMARK_ERROR);
    }

    @Test
    void memoryErrorIsClassifiedDoesNotFit() {
        ExecResult r = board.exec("x=bytearray(30000)", seconds(10));
        assertThat(r.error().orElseThrow().type()).isEqualTo("MemoryError");
        assertThat(r.error().get().failureClass()).isEqualTo(FailureClass.DOES_NOT_FIT);
        assertThat(board.exec("print(6*7)", seconds(5)).stdout()).isEqualTo("42\n");
    }

    @Test
    void runawayLoopIsInterruptedWithinItsDeadline() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> board.exec("while True:\n pass", Deadline.in(Duration.ofMillis(1500))))
                .isInstanceOfSatisfying(ReplFailure.class, f -> {
                    assertThat(f.failureClass()).isEqualTo(FailureClass.TIMEOUT);
                    assertThat(f.boardHung()).isFalse();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isLessThan(Duration.ofMillis(1500).plus(RawRepl.INTERRUPT_GRACE));
        assertThat(board.exec("print('alive')", seconds(5)).stdout()).isEqualTo("alive\n");
    }

    @Test
    void scriptSwallowingCtrlCIsRecoveredByHardReset() {
        String stubborn = "while True:\n try:\n  while True:\n   pass\n except KeyboardInterrupt:\n  pass";
        assertThatThrownBy(() -> board.exec(stubborn, Deadline.in(Duration.ofMillis(1500))))
                .isInstanceOfSatisfying(ReplFailure.class, f -> {
                    assertThat(f.failureClass()).isEqualTo(FailureClass.TIMEOUT);
                    assertThat(f.getMessage()).contains("ignores Ctrl-C").contains("hard-reset");
                });
        assertThat(board.exec("print('back')", seconds(5)).stdout()).isEqualTo("back\n");
        assertThat(board.state()).isEqualTo(BoardState.READY);
    }

    @Test
    void sourceTooLargeToReceiveHangsTheFirmwareAndIsRecovered() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 11_000; i++) {
            big.append("v").append(i).append("=").append(i).append("*3+1\n");
        }
        assertThatThrownBy(() -> board.exec(big.toString(), seconds(20)))
                .isInstanceOfSatisfying(ReplFailure.class, f -> {
                    assertThat(f.failureClass()).isEqualTo(FailureClass.DOES_NOT_FIT);
                    assertThat(f.getMessage()).contains("hard-reset");
                });
        assertThat(board.exec("print('usable')", seconds(5)).stdout()).isEqualTo("usable\n");
    }

    @Test
    void softResetGivesAFreshHeap() {
        board.exec("junk=[bytearray(100) for i in range(20)]", seconds(5));
        board.softReset(seconds(5));
        ExecResult r = board.exec("print('junk' in globals())", seconds(5));
        assertThat(r.stdout()).isEqualTo("False\n");
    }

    @Test
    void boardReportsVersionMachineHeapAndFilesystem() {
        BoardInfo info = board.info(seconds(10));
        assertThat(info.implementation()).isEqualTo("micropython");
        assertThat(info.version()).isEqualTo("1.9.2");
        assertThat(info.machine()).contains("nRF51822");
        assertThat(info.platform()).isEqualTo("microbit");
        assertThat(info.heapTotal()).isBetween(9_000L, 11_000L);
        assertThat(info.heapFree()).isPositive();
        assertThat(info.fsUsed()).isGreaterThanOrEqualTo(0);
    }
}
