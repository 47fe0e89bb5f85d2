package org.benchrig.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One framed line printed by the harness ({@code firmware-scripts/harness/bh.py}):
 * {@code @BR2|n=NONCE|key=value|...|c=CHECKSUM|@}. The nonce is the controller's, fresh for each
 * call, so output of an earlier call or a frame-shaped line printed by a benchmark is not taken
 * for the result; the checksum (Adler-32 of the line up to and including the '|' before
 * {@code c=}) catches bytes the link dropped or changed. Values are printable ASCII without '|'; a
 * field splits on its first '='. Unknown keys are kept, so the harness can add fields.
 */
public record HarnessFrame(Map<String, String> fields) {
    /** Field holding the controller's nonce. */
    public static final String NONCE = "n";
    private static final String START = "@BR2|";
    /** bh.py prints the first 60 characters of the returned value. */
    static final int CHECK_CHARS = 60;
    private static final Pattern FRAME = Pattern.compile("@BR2\\|(.*\\|)c=([0-9a-f]{8})\\|@");

    public HarnessFrame {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses one line; empty when it is not a whole frame or its checksum does not match (a
     * truncated or damaged line). The nonce is not checked here: see {@link #scan}.
     */
    public static Optional<HarnessFrame> parseLine(String line) {
        Matcher m = FRAME.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String body = m.group(1);
        if (!checksum(START + body).equals(m.group(2))) {
            return Optional.empty();
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : body.substring(0, body.length() - 1).split("\\|", -1)) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                f.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return Optional.of(new HarnessFrame(f));
    }

    /**
     * What {@code text} holds for the call that was given {@code nonce}: its frame if one arrived
     * intact, and how many frame-shaped lines were damaged (a link fault) or carried another
     * nonce (forged by benchmark output, or left from an earlier call).
     */
    public static FrameScan scan(String text, String nonce) {
        HarnessFrame found = null;
        int damaged = 0;
        int foreign = 0;
        for (String line : text.lines().toList()) {
            if (!frameShaped(line)) {
                continue;
            }
            Optional<HarnessFrame> f = parseLine(line);
            if (f.isEmpty()) {
                damaged++;
            } else if (!f.get().nonce().equals(nonce)) {
                foreign++;
            } else if (found == null) {
                found = f.get();
            } else {
                foreign++; // our nonce twice: the first is the harness's, it prints one frame per call
            }
        }
        return new FrameScan(Optional.ofNullable(found), damaged, foreign);
    }

    /** Every intact frame with {@code nonce} in {@code text}, in order (a process that prints many). */
    public static List<HarnessFrame> framesOf(String text, String nonce) {
        return text.lines().map(HarnessFrame::parseLine).flatMap(Optional::stream)
                .filter(f -> f.nonce().equals(nonce)).toList();
    }

    /** A line that was meant to be a frame: it carries the start or the end of one. */
    static boolean frameShaped(String line) {
        String s = line.strip();
        return s.contains("@BR") || s.endsWith("|@");
    }

    /** Adler-32 of {@code text}'s characters as 8 lower-case hex digits, as bh.ck computes it. */
    public static String checksum(String text) {
        int a = 1;
        int b = 0;
        for (int i = 0; i < text.length(); i++) {
            a = (a + text.charAt(i)) % 65521;
            b = (b + a) % 65521;
        }
        return String.format("%04x%04x", b, a);
    }

    /** A fresh nonce for one harness call: 8 hex digits. */
    public static String freshNonce() {
        return String.format("%08x", ThreadLocalRandom.current().nextInt());
    }

    public String nonce() {
        return get(NONCE);
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

    /** The check value as the harness prints it, for comparison with a frame's {@code check}. */
    public static String checkText(Object expected) {
        StringBuilder s = new StringBuilder();
        String v = String.valueOf(expected);
        for (int i = 0; i < v.length() && s.length() < CHECK_CHARS; i++) {
            char c = v.charAt(i);
            s.append(c >= ' ' && c <= '~' && c != '|' ? c : '/');
        }
        return s.toString();
    }

    /**
     * The outcome as the controller decides it: the frame's {@code check} against the catalog's
     * expected value. The harness's own ok/wrong is a cross-check only: when it disagrees, the
     * frame cannot be trusted (see {@link Decision#boardAgrees()}).
     */
    public Decision decide(Object expected) {
        String said = get("outcome");
        if (!said.equals("ok") && !said.equals("wrong")) {
            return new Decision(outcome(), true);   // an exception: no value to check
        }
        String want = checkText(expected);
        boolean right = get("check").equals(want);
        Outcome o = right ? Outcome.ok() : Outcome.failed(FailureClass.WRONG_RESULT,
                "self-check returned " + get("check") + ", expected " + want);
        return new Decision(o, right == said.equals("ok"));
    }

    /**
     * The outcome the harness itself reported, for callers that do not know the expected value.
     * Prefer {@link #decide(Object)}.
     */
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

    /** An app workload's per-operation latency fields ({@code ops}, {@code p50_ns}...), or null. */
    public Latency latency() {
        return Latency.of(this::number);
    }

    /** Heap fields as the harness reports them (null on hosts, which print -1). */
    public HeapUse heap() {
        return new HeapUse(number("free0"), number("free1"), number("free2"), null);
    }

    /**
     * The controller's decision on a frame.
     *
     * @param boardAgrees false when the harness's own verdict contradicts the controller's: a frame
     *                    with a valid checksum that still cannot be trusted, treated as a link fault
     */
    public record Decision(Outcome outcome, boolean boardAgrees) {
    }

    /**
     * The frames in one call's output.
     *
     * @param frame   the frame with the call's nonce and a valid checksum, if one arrived
     * @param damaged frame-shaped lines whose checksum failed or that were cut
     * @param foreign intact frames with another nonce (benchmark output, an earlier call)
     */
    public record FrameScan(Optional<HarnessFrame> frame, int damaged, int foreign) {
    }
}
