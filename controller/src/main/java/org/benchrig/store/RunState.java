package org.benchrig.store;

import java.util.Locale;

/** Life of a run. Stored in lower case ("running"), as the schema's CHECK constraint lists them. */
public enum RunState {
    QUEUED, RUNNING, DONE, FAILED, INTERRUPTED;

    /** The value stored in {@code runs.state}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Done, failed or interrupted: the run will not change any more. */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == INTERRUPTED;
    }
}
