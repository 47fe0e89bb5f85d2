package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.benchrig.config.Pacing;
import org.benchrig.result.FailureClass;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** RawRepl against replayed board transcripts: real captures from the micro:bit and hand-made faults. */
class ReplTranscriptTest {
    /** Hang guard for every test: far above any deadline used here. */
    static final Duration HANG_GUARD = Duration.ofSeconds(15);
    /** Scheduling slack over a deadline on a loaded 2-core machine. */
    static final Duration SLACK = Duration.ofMillis(700);
    static final Pacing FAST = new Pacing(64, 0);

    static final String BANNER = "raw REPL; CTRL-B to exit\\r\\n>";
    /** enterRaw, then the raw-paste probe answered the old way (the banner again). */
    static final String OLD_BOARD = "expect \\x01\nsend " + BANNER + "\nexpect \\x05A\\x01\nsend " + BANNER + "\n";

    static RawRepl repl(ScriptedLink link) {
        return new RawRepl(link, FAST, true);
    }

    static Deadline ms(long ms) {
        return Deadline.inMillis(ms);
    }

    /** Runs {@code body} under the hang guard and returns it with its elapsed time. */
    static <T> Timed<T> timed(ThrowingSupplier<T> body) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            long t0 = System.nanoTime();
            T value = body.get();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - t0));
        });
    }

    record Timed<T>(T value, Duration elapsed) {
    }

    /** The exec's failure, and how long the exec took before failing. */
    static Timed<ReplFailure> failure(RawRepl repl, String source, long deadlineMs) {
        return timed(() -> catchThrowableOfType(ReplFailure.class, () -> repl.exec(source, ms(deadlineMs))));
    }

    // --- real transcripts captured from the emulated micro:bit ---

    @Test
    void realExecParsesStdoutAndNoError() {
        ScriptedLink link = ScriptedLink.fromResource("microbit-exec");
        RawRepl repl = repl(link);
        Timed<ExecResult> r = timed(() -> {
            repl.enterRaw(ms(2000));
            return repl.exec(TranscriptCapture.EXEC_SOURCE, ms(2000));
        });
        assertThat(r.value().ok()).isTrue();
        assertThat(r.value().stdout()).isEqualTo("line 0\nline 1\nline 4\n");
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(2));
        assertThat(link.finished()).as("waiting at %s", link.waitingAt()).isTrue();
        // an old board: the probe falls back to plain raw mode, the host sends source + Ctrl-D
        assertThat(repl.rawPasteSupported()).isFalse();
        assertThat(link.written()).isEqualTo(ascii("\r\u0003\u0003\u0002\u0001\u0005A\u0001"
                + TranscriptCapture.EXEC_SOURCE + "\u0004"));
    }

    @Test
    void realExceptionParsesIntoTypeMessageAndTraceback() {
        ScriptedLink link = ScriptedLink.fromResource("microbit-exception");
        RawRepl repl = repl(link);
        ExecResult r = timed(() -> {
            repl.enterRaw(ms(2000));
            return repl.exec(TranscriptCapture.RAISE_SOURCE, ms(2000));
        }).value();
        assertThat(r.stdout()).isEqualTo("before\n");
        BoardError e = r.error().orElseThrow();
        assertThat(e.type()).isEqualTo("ValueError");
        assertThat(e.message()).isEqualTo("bad value 7");
        assertThat(e.traceback()).containsExactly("Traceback (most recent call last):",
                "  File \"<stdin>\", line 4, in <module>", "  File \"<stdin>\", line 2, in f");
        assertThat(e.failureClass()).isEqualTo(FailureClass.BENCHMARK_ERROR);
    }

    /**
     * The answer's ~150 one-byte pieces reach the REPL in many reads; under host load pieces that
     * fell due together arrive in one read (73 reads seen at a load of 14 on 2 cores).
     */
    private static final int SPLIT_READS_AT_LEAST = 20;

    @Test
    void outputInPartialFramesStillParses() {
        // the real answer, byte by byte with 2 ms gaps: every frame boundary falls mid-read
        String t = ScriptedLink.resource("microbit-exception").replace("\nsend OK", "\nsend-split 1 2 OK");
        assertThat(t).contains("send-split");
        ScriptedLink link = ScriptedLink.of(t);
        RawRepl repl = repl(link);
        Timed<ExecResult> r = timed(() -> {
            repl.enterRaw(ms(2000));
            return repl.exec(TranscriptCapture.RAISE_SOURCE, ms(3000));
        });
        assertThat(r.value().stdout()).isEqualTo("before\n");
        assertThat(r.value().error().orElseThrow().message()).isEqualTo("bad value 7");
        assertThat(r.value().error().get().traceback()).hasSize(3);
        assertThat(link.events().stream().filter(e -> !e.hostWrote()).count()).isGreaterThan(SPLIT_READS_AT_LEAST);
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(3));
    }

    // --- hand-made boards ---

    @Test
    void noiseBeforeOkIsSkipped() {
        ScriptedLink link = ScriptedLink.of(OLD_BOARD + "expect \\x04\n"
                + "send \\x00\\xff\\r\\n>>> garbage K O\\x1b[0m\\r\\n\n"
                + "delay 20\nsend OKfine\\r\\n\\x04\\x04>\n");
        ExecResult r = timed(() -> {
            RawRepl repl = repl(link);
            repl.enterRaw(ms(1000));
            return repl.exec("print('fine')", ms(1000));
        }).value();
        assertThat(r.ok()).isTrue();
        assertThat(r.stdout()).isEqualTo("fine\n");
    }

    @Test
    void invalidUtf8InStdoutIsReplacedNotThrown() {
        ScriptedLink link = ScriptedLink.of(OLD_BOARD + "expect \\x04\n"
                + "send OKab\\xff\\xfe\\xc3(cd \\xe2\\x82\\xac\\r\\n\\x04\\x04>\n");
        ExecResult r = timed(() -> {
            RawRepl repl = repl(link);
            repl.enterRaw(ms(1000));
            return repl.exec("x", ms(1000));
        }).value();
        assertThat(r.ok()).isTrue();
        assertThat(r.stdout()).isEqualTo("ab\uFFFD\uFFFD\uFFFD(cd \u20AC\n");
    }

    @Test
    void missingEndOfOutputIsATimeoutAndAHungBoard() {
        ScriptedLink link = ScriptedLink.of(OLD_BOARD + "expect \\x04\nsend OKpartial output\\r\\n\n");
        RawRepl repl = repl(link);
        timed(() -> {
            repl.enterRaw(ms(1000));
            return null;
        });
        Timed<ReplFailure> f = failure(repl, "print('partial output')\nwhile 1:pass", 1000);
        assertThat(f.value()).isNotNull();
        assertThat(f.value().failureClass()).isEqualTo(FailureClass.TIMEOUT);
        assertThat(f.value().boardHung()).isTrue(); // nothing answered the Ctrl-C
        assertThat(f.value().transcript()).contains("partial output");
        assertThat(f.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1000))
                .isLessThan(Duration.ofMillis(1000).plus(RawRepl.INTERRUPT_GRACE).plus(SLACK));
        assertThat(link.written()).endsWith(new byte[] {0x04, 0x03, 0x03}); // interrupted after the source
    }

    @Test
    void silenceAfterTheSourceIsAHungBoardWithinTheDeadline() {
        ScriptedLink link = ScriptedLink.of(OLD_BOARD + "expect \\x04\n");
        RawRepl repl = repl(link);
        timed(() -> {
            repl.enterRaw(ms(1000));
            return null;
        });
        Timed<ReplFailure> f = failure(repl, "print(1)", 1500);
        assertThat(f.value()).isNotNull();
        assertThat(f.value().failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(f.value().boardHung()).isTrue();
        assertThat(f.elapsed()).isLessThan(Duration.ofMillis(1500).plus(SLACK));
        assertThat(link.finished()).isTrue();
    }

    @Test
    void silenceToTheRawPasteProbeIsAHungBoardWithinTheDeadline() {
        ScriptedLink link = ScriptedLink.of("expect \\x01\nsend " + BANNER + "\n");
        RawRepl repl = repl(link);
        timed(() -> {
            repl.enterRaw(ms(1000));
            return null;
        });
        Timed<ReplFailure> f = failure(repl, "print(1)", 1200);
        assertThat(f.value()).isNotNull();
        assertThat(f.value().failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(f.value().boardHung()).isTrue();
        assertThat(f.elapsed()).isLessThan(Duration.ofMillis(1200).plus(SLACK));
    }

    @Test
    void garbageInsteadOfTheBannerFailsEnterRawWithinItsDeadline() {
        ScriptedLink link = ScriptedLink.of("expect \\x01\nsend-split 7 50 \\xff\\xfe\\x00raw REPL; CTRL-C to exit\\r\\n"
                + ">>> \\x1b[2J garbage garbage garbage garbage garbage garbage\n");
        RawRepl repl = repl(link);
        Timed<ReplFailure> f = timed(() -> catchThrowableOfType(ReplFailure.class, () -> repl.enterRaw(ms(800))));
        assertThat(f.value()).isNotNull();
        assertThat(f.value().failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(f.value().boardHung()).isTrue();
        assertThat(f.value().transcript()).contains("garbage");
        assertThat(f.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(800))
                .isLessThan(Duration.ofMillis(800).plus(SLACK));
    }

    @Test
    void rawPasteIsDrivenWithinTheBoardsWindow() {
        int window = 32;
        String source = "# " + "p".repeat(80) + "\nprint('raw paste ok')\n"; // 105 bytes: 4 windows
        StringBuilder t = new StringBuilder("expect \\x01\nsend " + BANNER + "\nexpect \\x05A\\x01\n"
                + "send R\\x01\\x20\\x00\\x01\n");
        for (int granted = window; granted < source.length(); granted += window) {
            // the board frees its buffer slowly: the host must wait, not send ahead
            t.append("expect-count 32\ndelay 30\nsend \\x01\n");
        }
        t.append("expect \\x04\nsend \\x04\nsend-split 4 3 raw paste ok\\r\\n\\x04\\x04>\n");
        ScriptedLink link = ScriptedLink.of(t.toString());
        RawRepl repl = repl(link);
        Timed<ExecResult> r = timed(() -> {
            repl.enterRaw(ms(1000));
            return repl.exec(source, ms(3000));
        });
        assertThat(repl.rawPasteSupported()).isTrue();
        assertThat(r.value().ok()).isTrue();
        assertThat(r.value().stdout()).isEqualTo("raw paste ok\n");
        assertThat(link.finished()).as("waiting at %s", link.waitingAt()).isTrue();

        // replay the log: host source bytes never outrun the windows the board granted so far
        long credit = -1;
        long sent = 0;
        int grantsSeen = 0;
        StringBuilder sourceSent = new StringBuilder();
        for (ScriptedLink.Event e : link.events()) {
            byte[] b = e.bytes();
            if (!e.hostWrote()) {
                for (int i = 0; i < b.length; i++) {
                    if (credit < 0 && i + 4 < b.length && b[i] == 'R' && b[i + 1] == 0x01) { // R 0x01 lo hi 0x01
                        credit = window;
                        i += 4;
                    } else if (credit >= 0 && b[i] == 0x01) {
                        credit += window;
                        grantsSeen++;
                    }
                }
            } else if (credit >= 0) {
                boolean eotOnly = b.length == 1 && b[0] == 0x04;
                if (!eotOnly) {
                    sent += b.length;
                    sourceSent.append(new String(b, StandardCharsets.UTF_8));
                    assertThat(sent).as("bytes sent vs window credit").isLessThanOrEqualTo(credit);
                }
            }
        }
        assertThat(credit).as("saw the board's window").isPositive();
        assertThat(grantsSeen).isEqualTo(3);
        assertThat(sourceSent.toString()).isEqualTo(source);
        assertThat(link.written()).endsWith(new byte[] {0x04});
    }

    @Test
    void rawPasteRefusedFallsBackToPlainRawMode() {
        ScriptedLink link = ScriptedLink.of("expect \\x01\nsend " + BANNER + "\nexpect \\x05A\\x01\nsend R\\x00\n"
                + "expect print(1)\\x04\nsend OK1\\r\\n\\x04\\x04>\n"
                + "expect print(2)\\x04\nsend OK2\\r\\n\\x04\\x04>\n");
        RawRepl repl = repl(link);
        timed(() -> {
            repl.enterRaw(ms(1000));
            assertThat(repl.exec("print(1)", ms(1000)).stdout()).isEqualTo("1\n");
            assertThat(repl.exec("print(2)", ms(1000)).stdout()).isEqualTo("2\n"); // no second probe
            return null;
        });
        assertThat(repl.rawPasteSupported()).isFalse();
        assertThat(link.finished()).as("waiting at %s", link.waitingAt()).isTrue();
        assertThat(link.written()).isEqualTo(ascii("\r\u0003\u0003\u0002\u0001\u0005A\u0001print(1)\u0004print(2)\u0004"));
    }

    @Test
    void oldBoardAnsweringWithItsBannerFallsBackToPlainRawMode() {
        ScriptedLink link = ScriptedLink.of(OLD_BOARD + "expect print(3)\\x04\nsend OK3\\r\\n\\x04\\x04>\n");
        RawRepl repl = repl(link);
        ExecResult r = timed(() -> {
            repl.enterRaw(ms(1000));
            return repl.exec("print(3)", ms(1000));
        }).value();
        assertThat(r.stdout()).isEqualTo("3\n");
        assertThat(repl.rawPasteSupported()).isFalse();
        assertThat(link.finished()).isTrue();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
