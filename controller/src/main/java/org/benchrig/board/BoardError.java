package org.benchrig.board;

import java.util.List;
import org.benchrig.result.FailureClass;

/** An exception raised on the board, as the raw REPL reported it. */
public record BoardError(String type, String message, List<String> traceback) {

    /** Parses MicroPython's exception text: traceback lines, then "Type: message" or "Type". */
    public static BoardError parse(String text) {
        List<String> lines = text.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return new BoardError("UnknownError", "", List.of());
        }
        String last = lines.get(lines.size() - 1).strip();
        int colon = last.indexOf(':');
        String type = colon > 0 ? last.substring(0, colon) : last;
        String message = colon > 0 ? last.substring(colon + 1).strip() : "";
        if (!type.matches("[A-Za-z_][A-Za-z0-9_.]*")) { // not a "Type: msg" line: keep it whole
            type = "UnknownError";
            message = last;
        }
        return new BoardError(type, message, lines.subList(0, lines.size() - 1));
    }

    public boolean isMemoryError() {
        return type.equals("MemoryError");
    }

    /** MemoryError means the workload does not fit the board; anything else is the benchmark's error. */
    public FailureClass failureClass() {
        return isMemoryError() ? FailureClass.DOES_NOT_FIT : FailureClass.BENCHMARK_ERROR;
    }

    /** The exception as the board printed it. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        traceback.forEach(l -> sb.append(l).append('\n'));
        sb.append(type);
        if (!message.isEmpty()) {
            sb.append(": ").append(message);
        }
        return sb.toString();
    }
}
