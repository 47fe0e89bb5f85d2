package org.benchrig.board;

import org.benchrig.result.FailureClass;

/**
 * An exec that did not end with the board's prompt: classified, with what the board sent. When
 * {@link #boardHung()} the board no longer answers Ctrl-C and needs a hard reset.
 */
public class ReplFailure extends RuntimeException {
    private final FailureClass failureClass;
    private final boolean boardHung;
    private final String transcript;

    public ReplFailure(FailureClass failureClass, boolean boardHung, String message, String transcript) {
        super(message);
        this.failureClass = failureClass;
        this.boardHung = boardHung;
        this.transcript = transcript;
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    public boolean boardHung() {
        return boardHung;
    }

    public String transcript() {
        return transcript;
    }

    /** The same failure after the board was recovered, with a note of how. */
    public ReplFailure recovered(String how) {
        return new ReplFailure(failureClass, false, getMessage() + "; " + how, transcript);
    }
}
