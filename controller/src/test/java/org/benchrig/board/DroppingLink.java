package org.benchrig.board;

import java.time.Duration;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;
import org.benchrig.time.Deadline;

/**
 * Wraps a real link and loses one byte of one write, as an overflowing 64-byte receive buffer
 * does: {@code victim} picks the byte of a write to lose (or -1: the write does not qualify); the
 * {@code nth} qualifying write (counting from 1) goes out without it. Everything else passes.
 */
public final class DroppingLink implements Link {
    private final Link inner;
    private final ToIntFunction<byte[]> victim;
    private final int nth;
    private int seen;
    private int dropped;

    public DroppingLink(Link inner, ToIntFunction<byte[]> victim, int nth) {
        this.inner = inner;
        this.victim = victim;
        this.nth = nth;
    }

    /** Loses the byte at {@code index} of the {@code nth} write that starts with {@code prefix}. */
    public static DroppingLink afterPrefix(Link inner, String prefix, int nth, int index) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return new DroppingLink(inner,
                b -> b.length > index && b.length >= p.length && Arrays.equals(Arrays.copyOf(b, p.length), p) ? index : -1,
                nth);
    }

    /** Loses the byte {@code offset} after the start of {@code needle} in the {@code nth} write holding it. */
    public static DroppingLink inside(Link inner, String needle, int offset, int nth) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        return new DroppingLink(inner, b -> {
            int at = BufferedLink.indexOf(b, n);
            return at < 0 ? -1 : at + offset;
        }, nth);
    }

    /** How many bytes were dropped (0 or 1). */
    public int dropped() {
        return dropped;
    }

    @Override
    public void write(byte[] bytes) {
        int index = victim.applyAsInt(bytes);
        if (index >= 0 && ++seen == nth) {
            byte[] less = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, less, 0, index);
            System.arraycopy(bytes, index + 1, less, index, bytes.length - index - 1);
            dropped++;
            inner.write(less);
            return;
        }
        inner.write(bytes);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public byte[] readUntil(byte[] suffix, Deadline deadline) {
        return inner.readUntil(suffix, deadline);
    }

    @Override
    public byte[] readExactly(int count, Deadline deadline) {
        return inner.readExactly(count, deadline);
    }

    @Override
    public boolean hasInput(int timeoutMs) {
        return inner.hasInput(timeoutMs);
    }

    @Override
    public byte[] drain(Duration quiet, Deadline deadline) {
        return inner.drain(quiet, deadline);
    }

    @Override
    public void close() {
        // the wrapped link belongs to its board
    }
}
