package org.benchrig.selfbench;

import java.nio.charset.StandardCharsets;
import org.benchrig.board.VerifiedUpload;

/**
 * A script that proves it arrived whole: it holds a literal of pseudo-random printable bytes and
 * prints their length and Adler-32, computed on the board. A dropped byte in the literal changes
 * the length; one in the code gives a SyntaxError, a NameError or a different line. The expected
 * line is computed here, so any other outcome is a corrupted transfer.
 */
public record SelfCheckScript(String source, String expectedStdout) {
    /** Everything but the literal: the line that assigns it, the loop and the print. */
    private static final String CODE = String.join("\n",
            "a=1",
            "b=0",
            "for x in D:",
            " a=(a+x)%65521",
            " b=(b+a)%65521",
            "print('@S|%d|%d|@'%(len(D),b*65536+a))",
            "");

    /** A script of exactly {@code totalBytes} bytes (at least 200), the same for the same size. */
    public static SelfCheckScript ofSize(int totalBytes) {
        int overhead = "D=b''\n".length() + CODE.length();
        int dataLength = totalBytes - overhead;
        if (dataLength < 64) {
            throw new IllegalArgumentException("a self-checking script needs at least " + (overhead + 64) + " bytes");
        }
        byte[] data = new byte[dataLength];
        long x = 0x2545F4914F6CDD1DL; // xorshift: reproducible, no library RNG whose sequence could change
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +-*/=<>()[]{}.,:;!?#$%&@^_~|";
        for (int i = 0; i < dataLength; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            data[i] = (byte) alphabet.charAt((int) Long.remainderUnsigned(x, alphabet.length()));
        }
        String literal = new String(data, StandardCharsets.US_ASCII);
        String source = "D=b'" + literal + "'\n" + CODE;
        String expected = "@S|" + dataLength + "|" + VerifiedUpload.adler32(data) + "|@\n";
        return new SelfCheckScript(source, expected);
    }

    public int bytes() {
        return source.getBytes(StandardCharsets.UTF_8).length;
    }
}
