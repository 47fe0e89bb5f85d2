package org.benchrig.board;

/** Renders raw link bytes for humans: control bytes as {@code <0x04>}, long text shortened. */
public final class Transcript {
    private Transcript() {
    }

    public static String printable(byte[] bytes, int maxChars) {
        StringBuilder sb = new StringBuilder();
        int start = Math.max(0, bytes.length - maxChars);
        if (start > 0) {
            sb.append("...");
        }
        for (int i = start; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                sb.append("\\n");
            } else if (b == '\r') {
                sb.append("\\r");
            } else if (b < 0x20 || b >= 0x7f) {
                sb.append(String.format("<0x%02x>", b));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
