package org.benchrig.board;

/** Another process holds the board; the message says who and since when. */
public class BoardBusy extends RuntimeException {
    public BoardBusy(String message) {
        super(message);
    }
}
