package org.benchrig.board;

/** The link failed: the port disappeared or an I/O error occurred. An infrastructure failure. */
public class LinkLost extends RuntimeException {
    public LinkLost(String message) {
        super(message);
    }

    public LinkLost(String message, Throwable cause) {
        super(message, cause);
    }
}
