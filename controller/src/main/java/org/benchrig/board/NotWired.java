package org.benchrig.board;

/** A recovery step needs a line (reset, power) that this board does not have wired: the next step is tried. */
public class NotWired extends RuntimeException {
    public NotWired(String message) {
        super(message);
    }
}
