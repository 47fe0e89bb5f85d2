package org.benchrig.board;

/** Thrown where the controller's own board-side code raised (so it is our bug or a board limit). */
public class BoardRaised extends RuntimeException {
    private final BoardError error;

    public BoardRaised(BoardError error) {
        super(error.type() + (error.message().isEmpty() ? "" : ": " + error.message()));
        this.error = error;
    }

    public BoardError error() {
        return error;
    }
}
