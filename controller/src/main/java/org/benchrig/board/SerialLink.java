package org.benchrig.board;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.benchrig.time.Deadline;

/** A link over a serial device through jSerialComm: a USB board on a Pi, or an emulator's pty. */
public final class SerialLink extends BufferedLink {
    /** A board that takes no byte for this long is gone: its output buffer never drains. */
    /** Longest wait between two looks for a port while waiting on events (a symlink target may appear without one here). */
    private static final long PRESENCE_POLL_MS = 100;
    private static final java.time.Duration WRITE_STALL = java.time.Duration.ofSeconds(5);
    private final SerialPort port;
    private final String path;
    private int readTimeoutMs = READ_SLICE_MS;

    private SerialLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens {@code path} raw, 8N1. A pty can be open once at a time; keep one link per board. */
    public static SerialLink open(String path, int baud) {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException absent) { // jSerialComm's "invalid port": the device is not there
            throw new LinkLost("serial port " + path + " is not there (unplugged, or a wrong port: in the rig config)");
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING,
                READ_SLICE_MS, 0);
        if (!port.openPort()) {
            throw new LinkLost("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + "); is it present and not used by another program?");
        }
        return new SerialLink(port, path);
    }

    /**
     * Opens {@code path} as soon as the device exists (a re-plugged USB cable, a board that
     * re-enumerates after a reset), waiting on directory events with a deadline.
     */
    public static SerialLink openWhenPresent(String path, int baud, Deadline deadline) {
        Path p = Path.of(path);
        Path dir = p.toAbsolutePath().getParent();
        try (WatchService watch = dir.getFileSystem().newWatchService()) {
            if (Files.isDirectory(dir)) {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            }
            while (true) {
                if (Files.exists(p)) {
                    try {
                        return open(path, baud);
                    } catch (LinkLost notYet) { // created but not openable yet (udev still setting it up)
                        if (deadline.expired()) {
                            throw notYet;
                        }
                    }
                }
                if (deadline.expired()) {
                    throw new LinkLost("serial port " + path + " did not come back within "
                            + deadline.budget().toSeconds() + " s (unplugged?)");
                }
                WatchKey key = watch.poll(Math.max(1, Math.min(PRESENCE_POLL_MS, deadline.remainingMillis())),
                        TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw new LinkLost("cannot watch " + dir + " for serial port " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkLost("interrupted while waiting for serial port " + path, e);
        }
    }

    @Override
    public String name() {
        return path;
    }

    /**
     * Writes without blocking in native code: a blocking write to a pty whose emulator died spins
     * forever inside jSerialComm, so we loop ourselves and give up after {@link #WRITE_STALL}.
     */
    @Override
    public void write(byte[] bytes) {
        int off = 0;
        long stallSince = System.nanoTime();
        while (off < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - off, off);
            if (n < 0) {
                throw new LinkLost("write to " + path + " failed (error " + port.getLastErrorCode() + ")");
            }
            if (n > 0) {
                off += n;
                stallSince = System.nanoTime();
            } else if (System.nanoTime() - stallSince > WRITE_STALL.toNanos()) {
                throw new LinkLost("write to " + path + " stalled for " + WRITE_STALL.toMillis() + " ms");
            } else {
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LinkLost("interrupted while writing to " + path, e);
                }
            }
        }
    }

    @Override
    protected int readSome(byte[] buffer, int timeoutMs) {
        if (timeoutMs != readTimeoutMs) { // reconfiguring the port costs a system call
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING,
                    timeoutMs, 0);
            readTimeoutMs = timeoutMs;
        }
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            return -1;
        }
        return n;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
