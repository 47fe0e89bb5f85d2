package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** exec's checked output records: only intact records of this call make output. */
class OutputRecordsTest {
    /** A record as the board's _bx.py writes it: the Adler-32 of everything through the '|' before c=. */
    static String record(String body) {
        String h = "@BX|n=" + body + "|";
        return h + String.format("c=%08x|@", OutputRecords.adler32(h.getBytes(StandardCharsets.UTF_8), 0,
                h.getBytes(StandardCharsets.UTF_8).length)) + "\n";
    }

    static String out(String nonce, int seq, String text) {
        return record(nonce + "|i=" + seq + "|len=" + text.getBytes(StandardCharsets.UTF_8).length + "|" + text);
    }

    static String end(String nonce, int records, String st) {
        return record(nonce + "|end=" + records + "|st=" + st + "|x=");
    }

    @Test
    void intactRecordsGiveTheOutputInOrder() {
        String s = out("ab", 0, "héllo\nwith | bars\n") + out("ab", 1, "two\n") + end("ab", 2, "ok");
        OutputRecords r = OutputRecords.parse(s, "ab");
        assertThat(r.intact()).isTrue();
        assertThat(r.text()).contains("héllo\nwith | bars\ntwo\n");
        assertThat(r.ignoredBytes()).isZero();
    }

    @Test
    void oneChangedCharacterOrAMissingRecordIsNotOutput() {
        String good = out("ab", 0, "v 0 7000\n") + out("ab", 1, "v 1 7001\n") + end("ab", 2, "ok");
        OutputRecords flipped = OutputRecords.parse(good.replace("7001", "7002"), "ab");
        assertThat(flipped.intact()).isFalse();
        assertThat(flipped.damaged()).isEqualTo(1);
        OutputRecords missing = OutputRecords.parse(out("ab", 0, "v 0 7000\n") + end("ab", 2, "ok"), "ab");
        assertThat(missing.intact()).isFalse();
        OutputRecords noEnd = OutputRecords.parse(out("ab", 0, "v 0 7000\n"), "ab");
        assertThat(noEnd.intact()).isFalse();
    }

    @Test
    void recordsOfAnotherNonceAndNoiseAreLeftOut() {
        String s = "garbage\u0001" + out("zz", 0, "forged\n") + end("zz", 1, "ok") + out("ab", 0, "real\n")
                + end("ab", 1, "ok");
        OutputRecords r = OutputRecords.parse(s, "ab");
        assertThat(r.text()).contains("real\n");
        assertThat(r.ignoredBytes()).isPositive();
    }

    @Test
    void aRefusalUnderADamagedNonceMeansNothingRan() {
        OutputRecords r = OutputRecords.parse(end("a8", 0, "damaged"), "ab");
        assertThat(r.refused()).isTrue();
        assertThat(r.intact()).isFalse();
    }
}
