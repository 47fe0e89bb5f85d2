package org.benchrig.board;

import java.time.Duration;
import org.benchrig.time.Deadline;

/** A byte stream to one board (a serial port, an emulator's pty) where every wait has a deadline. */
public interface Link extends AutoCloseable {

    /** Where the bytes go, e.g. "/dev/pts/5", for messages. */
    String name();

    /** Writes all bytes; throws {@link LinkLost} when the port is gone. */
    void write(byte[] bytes);

    /**
     * Reads until {@code suffix} arrived and returns everything read up to and including it; bytes
     * after the suffix stay for the next read. Throws {@link LinkTimeout} carrying what was read.
     */
    byte[] readUntil(byte[] suffix, Deadline deadline);

    /** Reads exactly {@code count} bytes or throws {@link LinkTimeout}. */
    byte[] readExactly(int count, Deadline deadline);

    /** True when bytes are waiting or arrive within {@code timeoutMs}. */
    boolean hasInput(int timeoutMs);

    /** Discards what arrives until the line has been quiet for {@code quiet} (or the deadline passes). */
    byte[] drain(Duration quiet, Deadline deadline);

    @Override
    void close();
}
