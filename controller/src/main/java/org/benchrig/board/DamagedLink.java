package org.benchrig.board;

import org.benchrig.result.FailureClass;

/**
 * The board answers, but what crosses the link keeps arriving damaged (a noisy line, dropped bytes
 * under load): an {@code INFRASTRUCTURE} failure of the link, not a sign that the board is unfit.
 */
public class DamagedLink extends ReplFailure {
    public DamagedLink(String message, String transcript) {
        this(message, transcript, false);
    }

    /** @param boardHung true when a reset may still help (the board answers with garbage only: a wrong state or baud rate) */
    public DamagedLink(String message, String transcript, boolean boardHung) {
        super(FailureClass.INFRASTRUCTURE, boardHung, message, transcript);
    }

    @Override
    public ReplFailure recovered(String how) {
        return new DamagedLink(getMessage() + "; " + how, transcript(), false);
    }
}
