package org.benchrig.result;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One framed line printed by the harness ({@code firmware-scripts/harness/bh.py}):
 * {@code @BR1|key=value|...|@}. Values never contain '|'; a field splits on its first '='.
 * Unknown keys are kept, so the harness can add fields without breaking older controllers.
 */
public record HarnessFrame(Map<String, String> fields) {
    private static final Pattern FRAME = Pattern.compile("@BR1\\|(.*)\\|@");

    public HarnessFrame {
        fields = Map.copyOf(fields);
    }

    /** The first frame in {@code text}, if any; text around it (benchmark output) is ignored. */
    public static Optional<HarnessFrame> find(String text) {
        return all(text).findFirst();
    }

    /** Every frame in {@code text}, in order. */
    public static Stream<HarnessFrame> all(String text) {
        return text.lines().map(HarnessFrame::parseLine).flatMap(Optional::stream);
    }

    /** Parses one line; a line that is not a whole frame (e.g. truncated) gives empty. */
    public static Optional<HarnessFrame> parseLine(String line) {
        Matcher m = FRAME.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : m.group(1).split("\\|", -1)) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                f.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return Optional.of(new HarnessFrame(f));
    }

    public String get(String key) {
        return fields.getOrDefault(key, "");
    }

    /** A numeric field, or null when absent, not a number, or -1 (the harness's "cannot tell"). */
    public Long number(String key) {
        try {
            long v = Long.parseLong(get(key));
            return v == -1 ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True for the per-process line hostrun.py prints last. */
    public boolean isProcessLine() {
        return fields.containsKey("proc");
    }

    /** The repetition's outcome: ok, wrong result, does not fit (MemoryError) or benchmark error. */
    public Outcome outcome() {
        String exc = get("exc");
        return switch (get("outcome")) {
            case "ok" -> Outcome.ok();
            case "wrong" -> Outcome.failed(FailureClass.WRONG_RESULT, "self-check returned " + get("check"));
            case "memory" -> Outcome.failed(FailureClass.DOES_NOT_FIT, exc);
            case "error" -> Outcome.failed(FailureClass.BENCHMARK_ERROR, exc);
            default -> Outcome.failed(FailureClass.CONTROLLER, "harness frame without a known outcome: " + fields);
        };
    }

    /** Heap fields as the harness reports them (null on hosts, which print -1). */
    public HeapUse heap() {
        return new HeapUse(number("free0"), number("free1"), number("free2"), null);
    }
}
