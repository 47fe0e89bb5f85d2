package org.benchrig.flash;

/** A firmware file that must not be written to a board: truncated, corrupted, or built for another chip. */
public final class InvalidImage extends RuntimeException {
    public InvalidImage(String message) {
        super(message);
    }
}
