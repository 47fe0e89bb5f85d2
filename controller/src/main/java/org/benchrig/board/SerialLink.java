package org.benchrig.board;

import com.fazecast.jSerialComm.SerialPort;

/** A link over a serial device through jSerialComm: a USB board on a Pi, or an emulator's pty. */
public final class SerialLink extends BufferedLink {
    private final SerialPort port;
    private final String path;
    private int readTimeoutMs = READ_SLICE_MS;

    private SerialLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens {@code path} raw, 8N1. A pty can be open once at a time; keep one link per board. */
    public static SerialLink open(String path, int baud) {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_SLICE_MS, 0);
        if (!port.openPort()) {
            throw new LinkLost("cannot open serial port " + path + " (error " + port.getLastErrorCode()
                    + "); is it present and not used by another program?");
        }
        return new SerialLink(port, path);
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public void write(byte[] bytes) {
        int off = 0;
        while (off < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - off, off);
            if (n < 0) {
                throw new LinkLost("write to " + path + " failed (error " + port.getLastErrorCode() + ")");
            }
            off += n;
        }
    }

    @Override
    protected int readSome(byte[] buffer, int timeoutMs) {
        if (timeoutMs != readTimeoutMs) { // reconfiguring the port costs a system call
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
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
