package org.benchrig.selfbench;

/** The last line of a board's exception text: "Type: message". */
final class BoardErrorText {
    private BoardErrorText() {
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\r?\n");
        return lines[lines.length - 1].strip();
    }
}
