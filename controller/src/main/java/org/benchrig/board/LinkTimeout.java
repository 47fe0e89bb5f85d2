package org.benchrig.board;

import java.nio.charset.StandardCharsets;

/** A read's deadline passed before what it waited for arrived; carries the bytes that did arrive. */
public class LinkTimeout extends RuntimeException {
    private final byte[] received;
    private final String awaited;

    public LinkTimeout(String linkName, String awaited, byte[] received, long budgetMillis) {
        super("no " + awaited + " from " + linkName + " within " + budgetMillis + " ms; received "
                + received.length + " bytes: " + Transcript.printable(received, 200));
        this.received = received.clone();
        this.awaited = awaited;
    }

    public byte[] received() {
        return received.clone();
    }

    public String awaited() {
        return awaited;
    }

    public String receivedText() {
        return new String(received, StandardCharsets.UTF_8);
    }
}
