package org.benchrig.host;

/** A host interpreter could not be used at all (missing, not Python, hung while starting). */
public class HostException extends RuntimeException {
    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
