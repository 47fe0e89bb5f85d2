package org.benchrig.result;

/** How a measurement ended: {@code failure == null} means it succeeded. */
public record Outcome(FailureClass failure, String detail) {

    public static Outcome ok() {
        return new Outcome(null, "");
    }

    public static Outcome failed(FailureClass failure, String detail) {
        return new Outcome(failure, detail == null ? "" : detail);
    }

    /** From {@link #label()} and the detail, as stored and sent. */
    public static Outcome of(String label, String detail) {
        if (label == null || "ok".equals(label)) {
            return new Outcome(null, detail == null ? "" : detail);
        }
        try {
            return failed(FailureClass.valueOf(label.toUpperCase(java.util.Locale.ROOT)), detail);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected ok or a failure class ("
                    + java.util.Arrays.toString(FailureClass.values()).replaceAll("[\\[\\]]", "") + "), got " + label);
        }
    }

    public boolean isOk() {
        return failure == null;
    }

    /** "ok" or the failure class name, as shown in tables and stored in the database. */
    public String label() {
        return isOk() ? "ok" : failure.name();
    }
}
