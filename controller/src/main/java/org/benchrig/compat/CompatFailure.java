package org.benchrig.compat;

/** The check itself could not be done (an interpreter would not run, a helper script failed). */
public final class CompatFailure extends RuntimeException {
    public CompatFailure(String message) {
        super(message);
    }
}
