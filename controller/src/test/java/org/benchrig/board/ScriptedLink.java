package org.benchrig.board;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A board replayed from a transcript: a list of steps that wait for what the host writes and then
 * emit bytes (whole, or split into partial frames with gaps). Everything the host writes and
 * everything the host actually reads is logged in order, with times, for assertions.
 *
 * <p>Transcript text format (one step per line, {@code #} comments, escapes {@code \xNN \r \n \t \\}):
 * <pre>
 * expect TEXT              wait until the host has written TEXT (searched after the last match)
 * expect-count N           wait until the host has written N more bytes
 * send TEXT                emit TEXT at once
 * send-split SIZE GAPMS T  emit T in pieces of SIZE bytes, GAPMS ms apart
 * delay MS                 the next emission comes MS ms later
 * hangup                   the link is lost (reads fail) once earlier emissions were read
 * </pre>
 * After the last step the board is silent. Deterministic: no threads; time only shapes when bytes
 * become readable.
 */
public final class ScriptedLink extends BufferedLink {

    public sealed interface Step permits Expect, ExpectCount, Send, Delay, Hangup {
    }

    public record Expect(byte[] bytes) implements Step {
    }

    public record ExpectCount(int count) implements Step {
    }

    public record Send(byte[] bytes, int pieceBytes, int gapMs) implements Step {
    }

    public record Delay(int ms) implements Step {
    }

    public record Hangup() implements Step {
    }

    /** What happened on the link, in order: the host wrote, or the host read what the board sent. */
    public record Event(boolean hostWrote, byte[] bytes, long atNanos) {
    }

    private record Emission(long atNanos, byte[] bytes, boolean hangup) {
    }

    private final String name;
    private final List<Step> steps;
    private int next;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int matchedUpTo; // host bytes consumed by expect steps
    private final Deque<Emission> queue = new ArrayDeque<>();
    private long lastEmissionAt;
    private boolean lost;
    private boolean closed;
    private final List<Event> events = new ArrayList<>();

    public ScriptedLink(String name, List<Step> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
        advance();
    }

    /** Loads a transcript fixture from {@code /transcripts/NAME.txt} on the test class path. */
    public static ScriptedLink fromResource(String name) {
        return new ScriptedLink(name, parse(resource(name)));
    }

    public static String resource(String name) {
        String path = "/transcripts/" + name + ".txt";
        try (InputStream in = ScriptedLink.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScriptedLink of(String transcript) {
        return new ScriptedLink("scripted", parse(transcript));
    }

    public static List<Step> parse(String transcript) {
        List<Step> steps = new ArrayList<>();
        for (String line : transcript.split("\n", -1)) {
            String l = line.stripLeading();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int sp = l.indexOf(' ');
            String op = sp < 0 ? l : l.substring(0, sp);
            String arg = sp < 0 ? "" : l.substring(sp + 1);
            switch (op) {
                case "expect" -> steps.add(new Expect(unescape(arg)));
                case "expect-count" -> steps.add(new ExpectCount(Integer.parseInt(arg.strip())));
                case "send" -> steps.add(new Send(unescape(arg), Integer.MAX_VALUE, 0));
                case "send-split" -> {
                    String[] f = arg.split(" ", 3);
                    steps.add(new Send(unescape(f.length > 2 ? f[2] : ""), Integer.parseInt(f[0]),
                            Integer.parseInt(f[1])));
                }
                case "delay" -> steps.add(new Delay(Integer.parseInt(arg.strip())));
                case "hangup" -> steps.add(new Hangup());
                default -> throw new IllegalArgumentException("unknown transcript step: " + line);
            }
        }
        return steps;
    }

    /** Decodes {@code \xNN}, {@code \r}, {@code \n}, {@code \t}, {@code \\}; other characters as UTF-8. */
    public static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + s);
            }
        }
        return out.toByteArray();
    }

    /** The inverse of {@link #unescape}: printable ASCII as is, the rest escaped. */
    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    // --- the board side ---

    /** Runs steps until one waits for host bytes that have not come yet. */
    private void advance() {
        byte[] host = written.toByteArray();
        while (next < steps.size()) {
            Step s = steps.get(next);
            if (s instanceof Expect e) {
                int at = indexOf(java.util.Arrays.copyOfRange(host, matchedUpTo, host.length), e.bytes());
                if (at < 0) {
                    return;
                }
                matchedUpTo += at + e.bytes().length;
                lastEmissionAt = Math.max(lastEmissionAt, System.nanoTime());
            } else if (s instanceof ExpectCount c) {
                if (host.length - matchedUpTo < c.count()) {
                    return;
                }
                matchedUpTo += c.count();
                lastEmissionAt = Math.max(lastEmissionAt, System.nanoTime());
            } else if (s instanceof Delay d) {
                lastEmissionAt = Math.max(lastEmissionAt, System.nanoTime()) + d.ms() * 1_000_000L;
            } else if (s instanceof Send send) {
                byte[] b = send.bytes();
                long at = Math.max(lastEmissionAt, System.nanoTime());
                for (int off = 0; off < b.length; off += send.pieceBytes()) {
                    if (off > 0) {
                        at += send.gapMs() * 1_000_000L;
                    }
                    int n = Math.min(send.pieceBytes(), b.length - off);
                    queue.add(new Emission(at, java.util.Arrays.copyOfRange(b, off, off + n), false));
                }
                lastEmissionAt = at;
            } else if (s instanceof Hangup) {
                queue.add(new Emission(Math.max(lastEmissionAt, System.nanoTime()), new byte[0], true));
            }
            next++;
        }
    }

    @Override
    protected int readSome(byte[] buffer, int timeoutMs) {
        if (closed || lost) {
            return -1;
        }
        long until = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Emission head = queue.peek();
            long now = System.nanoTime();
            if (head != null && head.atNanos() <= now) {
                if (head.hangup()) {
                    lost = true;
                    return -1;
                }
                int n = 0;
                // everything already due, as a serial driver would deliver it, up to the buffer size
                while (queue.peek() != null && queue.peek().atNanos() <= now && !queue.peek().hangup()
                        && n + queue.peek().bytes().length <= buffer.length) {
                    byte[] b = queue.poll().bytes();
                    System.arraycopy(b, 0, buffer, n, b.length);
                    n += b.length;
                }
                events.add(new Event(false, java.util.Arrays.copyOf(buffer, n), now));
                return n;
            }
            if (now >= until) {
                return 0;
            }
            // the simulated line's own timing: nothing is due before the next emission or the read's timeout
            long wake = head == null ? until : Math.min(until, head.atNanos());
            sleepNanos(wake - now);
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkLost("interrupted", e);
        }
    }

    // --- the host side ---

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] bytes) {
        if (closed || lost) {
            throw new LinkLost("link " + name + " closed");
        }
        written.writeBytes(bytes);
        events.add(new Event(true, bytes.clone(), System.nanoTime()));
        advance();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Everything the host wrote, concatenated. */
    public byte[] written() {
        return written.toByteArray();
    }

    public String writtenText() {
        return escape(written());
    }

    /** Writes and reads in the order they happened. */
    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    /** True when every step ran (the host wrote everything the transcript waits for). */
    public boolean finished() {
        return next >= steps.size();
    }

    /** The step the script waits at, for failure messages. */
    public String waitingAt() {
        if (finished()) {
            return "end";
        }
        Step s = steps.get(next);
        return s instanceof Expect e ? "expect " + escape(e.bytes()) : s.toString();
    }
}
