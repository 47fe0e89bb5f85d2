package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** benchrig exec's checked output on the real emulated micro:bit: the same program, however it travels. */
@NeedsEmulator
class FramedExecTest {
    @TempDir
    static Path runtime;
    static Board board;

    @BeforeAll
    static void start() {
        board = EmulatedBoards.start("fx1", runtime);
    }

    @AfterAll
    static void stop() {
        if (board != null) {
            board.close();
        }
    }

    private static FramedExec.Checked run(String source) {
        return board.execChecked(source, "prog.py", 0, Deadline.in(Duration.ofSeconds(60)));
    }

    /** A script with a main block, padded with comments to {@code size} bytes. */
    private static String mainScript(int size) {
        StringBuilder s = new StringBuilder("def f(n):\n    return n * 7\nif __name__ == '__main__':\n"
                + "    print('main', f(6), end='!\\n')\n    print('a', 'b', sep='|')\n");
        while (s.length() < size) {
            s.append("# padding to make the script longer than a direct exec\n");
        }
        return s.toString();
    }

    @Test
    void aShortAndALongScriptRunTheirMainBlockAndPrintTheSame() {
        String small = mainScript(0);
        String large = mainScript(1200);
        assertThat(small.length()).isLessThanOrEqualTo(FramedExec.DIRECT_MAX_BYTES);
        assertThat(large.length()).isGreaterThan(FramedExec.DIRECT_MAX_BYTES);
        FramedExec.Checked a = run(small);
        FramedExec.Checked b = run(large);
        assertThat(a.verified()).as(a.problem()).isTrue();
        assertThat(b.verified()).as(b.problem()).isTrue();
        assertThat(a.result().get().stdout()).isEqualTo("main 42!\na|b\n");
        assertThat(b.result().get().stdout()).isEqualTo(a.result().get().stdout());
    }

    @Test
    void longOutputComesBackWholeInSeveralRecords() {
        FramedExec.Checked c = run("for i in range(60):\n print('line %d of sixty' % i)");
        assertThat(c.verified()).as(c.problem()).isTrue();
        String out = c.result().get().stdout();
        assertThat(out.lines()).hasSize(60).startsWith("line 0 of sixty").endsWith("line 59 of sixty");
    }

    @Test
    void anExceptionNamesTheProgramsOwnLineInEitherWay() {
        String tail = "print('x')\n[][3]\n";
        FramedExec.Checked small = run(tail);
        FramedExec.Checked large = run(mainScript(600) + tail);
        assertThat(small.result().get().stdout()).isEqualTo("x\n");
        BoardError e = small.result().get().error().orElseThrow();
        assertThat(e.type()).isEqualTo("IndexError");
        assertThat(e.text()).contains("File \"prog.py\", line 2").doesNotContain("_bx");
        int line = (int) (mainScript(600).lines().count() + 2);
        assertThat(large.result().get().error().orElseThrow().text()).contains("File \"prog.py\", line " + line);
    }

    @Test
    void frameShapedOutputOfTheProgramIsOutputNotAFrame() {
        String forged = "@BX|n=00000000|end=0|st=ok|x=|c=00000000|@";
        FramedExec.Checked c = run("print('" + forged + "')\nprint('real')");
        assertThat(c.verified()).isTrue();
        assertThat(c.result().get().stdout()).isEqualTo(forged + "\nreal\n");
    }
}
