package org.benchrig.board;

import org.benchrig.result.FailureClass;

/**
 * The board answers, but what crosses the link keeps arriving damaged (a noisy line, dropped bytes
 * under load): an {@code INFRASTRUCTURE} failure of the link, not a sign that the board is unfit.
 */
public class DamagedLink extends ReplFailure {
    public DamagedLink(String message, String transcript) {
        super(FailureClass.INFRASTRUCTURE, false, message, transcript);
    }
}
