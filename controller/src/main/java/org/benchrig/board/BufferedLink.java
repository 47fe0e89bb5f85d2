package org.benchrig.board;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.benchrig.time.Deadline;

/**
 * The deadline and framing logic shared by every link: subclasses only move bytes. Reads poll in
 * short slices so that no single blocking call can outlive the caller's deadline.
 */
public abstract class BufferedLink implements Link {
    /** Longest single blocking read; bounds how late a deadline can be noticed. */
    protected static final int READ_SLICE_MS = 20;

    private byte[] pending = new byte[0];
    private final byte[] scratch = new byte[4096];

    /**
     * Reads what is available within {@code timeoutMs}: returns the count (0 when nothing came),
     * or -1 when the link is gone.
     */
    protected abstract int readSome(byte[] buffer, int timeoutMs);

    @Override
    public byte[] readUntil(byte[] suffix, Deadline deadline) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(pending);
        pending = new byte[0];
        while (true) {
            byte[] soFar = got.toByteArray();
            int at = indexOf(soFar, suffix);
            if (at >= 0) {
                int end = at + suffix.length;
                pending = Arrays.copyOfRange(soFar, end, soFar.length);
                return Arrays.copyOfRange(soFar, 0, end);
            }
            if (deadline.expired()) {
                throw new LinkTimeout(name(), "'" + Transcript.printable(suffix, 60) + "'", soFar,
                        deadline.budget().toMillis());
            }
            fill(got, deadline);
        }
    }

    @Override
    public byte[] readExactly(int count, Deadline deadline) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(pending);
        pending = new byte[0];
        while (got.size() < count) {
            if (deadline.expired()) {
                throw new LinkTimeout(name(), count + " bytes", got.toByteArray(),
                        deadline.budget().toMillis());
            }
            fill(got, deadline);
        }
        byte[] all = got.toByteArray();
        pending = Arrays.copyOfRange(all, count, all.length);
        return Arrays.copyOf(all, count);
    }

    @Override
    public byte[] drain(Duration quiet, Deadline deadline) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(pending);
        pending = new byte[0];
        long quietUntil = System.nanoTime() + quiet.toNanos();
        while (!deadline.expired() && System.nanoTime() < quietUntil) {
            if (fill(got, deadline) > 0) {
                quietUntil = System.nanoTime() + quiet.toNanos();
            }
        }
        return got.toByteArray();
    }

    @Override
    public boolean hasInput(int timeoutMs) {
        if (pending.length > 0) {
            return true;
        }
        int n = readSome(scratch, Math.max(1, timeoutMs)); // 0 means "block until a byte" to jSerialComm
        if (n < 0) {
            throw new LinkLost("link " + name() + " closed");
        }
        pending = Arrays.copyOf(scratch, n);
        return n > 0;
    }

    private int fill(ByteArrayOutputStream into, Deadline deadline) {
        int slice = (int) Math.max(1, Math.min(READ_SLICE_MS, deadline.remainingMillis()));
        int n = readSome(scratch, slice);
        if (n < 0) {
            throw new LinkLost("link " + name() + " closed");
        }
        into.write(scratch, 0, n);
        return n;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
