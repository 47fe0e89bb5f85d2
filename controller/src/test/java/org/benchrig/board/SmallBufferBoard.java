package org.benchrig.board;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A board without a board: MicroPython 1.9.2's raw REPL (no raw-paste) behind a receive buffer of
 * {@code capacity} bytes. A write larger than that loses its bytes beyond {@code capacity}, as an
 * overflowing buffer drops them, silently; with {@code endLostAfterOverflow} the Ctrl-D that follows
 * such a source is lost too (it comes right after the last chunk, into the full buffer), so the board
 * waits for more source and never says OK. A received source is "run" by {@code run}.
 */
final class SmallBufferBoard extends BufferedLink {
    /** What a source prints and the exception text it raises ("" for none), as the board sends them. */
    record Answer(String stdout, String exception) {
    }

    private final int capacity;
    private final boolean endLostAfterOverflow;
    private final Function<String, Answer> run;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final ByteArrayOutputStream toHost = new ByteArrayOutputStream();
    private final List<List<Integer>> chunks = new ArrayList<>();
    private final List<Integer> current = new ArrayList<>();
    private boolean overflowed;
    private int lost;

    SmallBufferBoard(int capacity, boolean endLostAfterOverflow, Function<String, Answer> run) {
        this.capacity = capacity;
        this.endLostAfterOverflow = endLostAfterOverflow;
        this.run = run;
    }

    /** The sizes of the host's writes of each source it sent, in order (the pacing it used). */
    List<List<Integer>> chunks() {
        return chunks;
    }

    /** Bytes the buffer dropped. */
    int lost() {
        return lost;
    }

    @Override
    public String name() {
        return "small-buffer board";
    }

    @Override
    public void write(byte[] bytes) {
        boolean control = false;
        for (byte b : bytes) {
            control |= b >= RawRepl.CTRL_A && b <= RawRepl.CTRL_E;
        }
        if (!control) {
            current.add(bytes.length);
        }
        int kept = Math.min(bytes.length, capacity);
        lost += bytes.length - kept;
        overflowed |= kept < bytes.length;
        for (int i = 0; i < kept; i++) {
            receive(bytes[i]);
        }
    }

    private void receive(byte b) {
        switch (b) {
            case RawRepl.CTRL_A -> {
                endOfSource();
                emit("raw REPL; CTRL-B to exit\r\n>");
            }
            case RawRepl.CTRL_B, RawRepl.CTRL_C -> endOfSource(); // Ctrl-C clears a half-received raw line
            case RawRepl.CTRL_D -> {
                if (endLostAfterOverflow && overflowed) {
                    return;
                }
                String source = line.toString(StandardCharsets.UTF_8);
                endOfSource();
                if (source.isEmpty()) {
                    emit("OK\r\nsoft reboot\r\nraw REPL; CTRL-B to exit\r\n>");
                    return;
                }
                Answer a = run.apply(source);
                emit("OK" + a.stdout() + "\u0004" + a.exception() + "\u0004>");
            }
            default -> line.write(b);
        }
    }

    private void endOfSource() {
        if (!current.isEmpty()) {
            chunks.add(List.copyOf(current));
            current.clear();
        }
        line.reset();
        overflowed = false;
    }

    private void emit(String s) {
        toHost.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected int readSome(byte[] buffer, int timeoutMs) {
        if (toHost.size() == 0) {
            try {
                Thread.sleep(timeoutMs); // a quiet line: nothing arrives within the read's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            return 0;
        }
        byte[] all = toHost.toByteArray();
        int n = Math.min(buffer.length, all.length);
        System.arraycopy(all, 0, buffer, 0, n);
        toHost.reset();
        toHost.write(all, n, all.length - n);
        return n;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
