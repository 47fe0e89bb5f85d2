package org.benchrig.compat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The user's dependency file cannot be read as what it claims to be; the message starts with FILE:LINE. */
public final class MalformedInput extends IllegalArgumentException {
    public MalformedInput(String message) {
        super(message);
    }

    /** A file that cannot be read at all, said without Java's exception names. */
    static MalformedInput unreadable(String shown, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage();
        return new MalformedInput(shown + ": cannot read: " + why);
    }
}
