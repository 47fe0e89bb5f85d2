package org.benchrig.board;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.benchrig.time.Deadline;

/**
 * Wraps a real link and records what the host wrote and what it read, in order, as a transcript
 * that {@link ScriptedLink} replays: each run of writes becomes an {@code expect}, each run of
 * reads a {@code send}. Reads follow the writes that caused them, so the order is causal.
 */
public final class RecordingLink implements Link {
    private final Link inner;
    private final StringBuilder transcript = new StringBuilder();
    private final ByteArrayOutputStream run = new ByteArrayOutputStream();
    private boolean runIsWrite;

    public RecordingLink(Link inner) {
        this.inner = inner;
    }

    private void log(boolean write, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (run.size() > 0 && write != runIsWrite) {
            flush();
        }
        runIsWrite = write;
        run.writeBytes(bytes);
    }

    private void flush() {
        if (run.size() > 0) {
            transcript.append(runIsWrite ? "expect " : "send ").append(ScriptedLink.escape(run.toByteArray())).append('\n');
            run.reset();
        }
    }

    /** The transcript so far, in {@link ScriptedLink}'s format. */
    public String transcript() {
        flush();
        return transcript.toString();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void write(byte[] bytes) {
        log(true, bytes);
        inner.write(bytes);
    }

    @Override
    public byte[] readUntil(byte[] suffix, Deadline deadline) {
        return logged(() -> inner.readUntil(suffix, deadline));
    }

    @Override
    public byte[] readExactly(int count, Deadline deadline) {
        return logged(() -> inner.readExactly(count, deadline));
    }

    /** A read of the wrapped link, logged: what it returned, or what arrived before it timed out. */
    private byte[] logged(Supplier<byte[]> read) {
        try {
            byte[] b = read.get();
            log(false, b);
            return b;
        } catch (LinkTimeout t) {
            log(false, t.received());
            throw t;
        }
    }

    @Override
    public boolean hasInput(int timeoutMs) {
        return inner.hasInput(timeoutMs);
    }

    @Override
    public byte[] drain(Duration quiet, Deadline deadline) {
        byte[] b = inner.drain(quiet, deadline);
        log(false, b);
        return b;
    }

    @Override
    public void close() {
        // the wrapped link belongs to its board
    }
}
