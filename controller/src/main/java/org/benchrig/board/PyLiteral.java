package org.benchrig.board;

import java.util.stream.IntStream;

/** Python literals of text and of bytes, escaped as CPython's {@code repr()} escapes them (single quotes). */
public final class PyLiteral {
    private PyLiteral() {
    }

    /** A str literal of {@code s}: quotes, backslashes and control characters escaped; other characters as they are. */
    public static String str(String s) {
        return quoted("'", s.chars(), Character.MAX_VALUE);
    }

    /** A bytes literal as {@code repr()} writes it (what mpremote and pyboard.py send): printable ASCII as is. */
    public static String bytes(byte[] data) {
        return quoted("b'", IntStream.range(0, data.length).map(i -> data[i] & 0xff), 0x7e);
    }

    /** {@code units} (chars or bytes) quoted; a unit above {@code lastAsIs} is written as {@code \xNN}. */
    private static String quoted(String open, IntStream units, int lastAsIs) {
        StringBuilder sb = new StringBuilder(open);
        units.forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c > lastAsIs) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        });
        return sb.append('\'').toString();
    }
}
