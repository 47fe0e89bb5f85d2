package org.benchrig.selfbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The corruption detector: the self-checking script and the verdict on what the board answered. */
class SelfCheckTest {

    @Test
    void scriptHasTheAskedSizeAndExpectsItsOwnLengthAndChecksum() {
        SelfCheckScript s = SelfCheckScript.ofSize(1200);
        assertThat(s.bytes()).isEqualTo(1200);
        assertThat(s.source()).startsWith("D=b'").doesNotContain("\\");
        assertThat(s.expectedStdout()).matches("@S\\|\\d+\\|\\d+\\|@\n");
        assertThat(SelfCheckScript.ofSize(1200)).isEqualTo(s); // reproducible
    }

    @Test
    void aDroppedByteInTheLiteralIsRecognisedAsWrongOutput() {
        SelfCheckScript s = SelfCheckScript.ofSize(600);
        // what the board prints when one byte of the literal was lost: another length, another checksum
        String shorter = s.expectedStdout().replaceFirst("\\|(\\d+)\\|", "|" + (length(s) - 1) + "|");
        assertThat(Verdict.judge(s.expectedStdout(), true, shorter, "")).isEqualTo(Verdict.WRONG_OUTPUT);
        assertThat(Verdict.judge(s.expectedStdout(), true, s.expectedStdout(), "")).isEqualTo(Verdict.OK);
    }

    @Test
    void anExceptionOrNoAnswerIsCorruptedToo() {
        String expected = SelfCheckScript.ofSize(600).expectedStdout();
        assertThat(Verdict.judge(expected, true, "", "Traceback...\nSyntaxError: invalid syntax\n"))
                .isEqualTo(Verdict.RAISED);
        assertThat(Verdict.judge(expected, false, "", "")).isEqualTo(Verdict.NO_ANSWER);
        assertThat(Verdict.RAISED.corrupted()).isTrue();
        assertThat(Verdict.NO_ANSWER.corrupted()).isTrue();
        assertThat(Verdict.OK.corrupted()).isFalse();
    }

    @Test
    void stockReprEscapesLikePython() {
        assertThat(StockTransfer.pyRepr("a'b\\c\n\t\u0001".getBytes()))
                .isEqualTo("b'a\\'b\\\\c\\n\\t\\x01'");
    }

    private static int length(SelfCheckScript s) {
        return Integer.parseInt(s.expectedStdout().split("\\|")[1]);
    }
}
