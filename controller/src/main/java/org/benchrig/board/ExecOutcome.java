package org.benchrig.board;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code benchrig exec} shows of one checked exec, the same whether the CLI opened the board
 * or the daemon ran it (the daemon sends {@link #toMap()} as JSON, the CLI reads it back with
 * {@link #fromMap}): the verified output and the board's exception, or why nothing can be shown
 * (damaged output; a failed exec with its class and what the board sent).
 *
 * @param failureClass null unless the exec itself failed ({@link ReplFailure}): then the class's name
 */
public record ExecOutcome(boolean verified, String stdout, String errorText, String problem, int ignoredBytes,
                          int reruns, String failureClass, String failureMessage, String transcript) {

    public static ExecOutcome of(FramedExec.Checked c) {
        return new ExecOutcome(c.verified(), c.result().map(ExecResult::stdout).orElse(""),
                c.result().flatMap(ExecResult::error).map(BoardError::text).orElse(null),
                c.problem(), c.ignoredBytes(), c.reruns(), null, null, null);
    }

    public static ExecOutcome of(ReplFailure f) {
        return new ExecOutcome(false, "", null, null, 0, 0, f.failureClass().name(), f.getMessage(), f.transcript());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", verified);
        m.put("stdout", stdout);
        m.put("error", errorText);
        m.put("problem", problem);
        m.put("ignored_bytes", ignoredBytes);
        m.put("reruns", reruns);
        m.put("failure_class", failureClass);
        m.put("failure_message", failureMessage);
        m.put("transcript", transcript);
        return m;
    }

    /** Reads {@link #toMap()}'s fields back; a missing field is empty. */
    public static ExecOutcome fromMap(Map<String, ?> m) {
        return new ExecOutcome(Boolean.TRUE.equals(m.get("verified")), text(m, "stdout", ""), text(m, "error", null),
                text(m, "problem", null), number(m, "ignored_bytes"), number(m, "reruns"), text(m, "failure_class", null),
                text(m, "failure_message", null), text(m, "transcript", null));
    }

    private static String text(Map<String, ?> m, String key, String otherwise) {
        Object v = m.get(key);
        return v == null ? otherwise : v.toString();
    }

    private static int number(Map<String, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.intValue() : 0;
    }
}
