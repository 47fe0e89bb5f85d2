package org.benchrig.compat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one dependency is on one target, worst last. */
public enum Verdict {
    /** Installs as pure Python / imports on the board. */
    OK("ok"),
    /** Installs, as a compiled extension (on PyPy through cpyext: typically slower). */
    C_EXTENSION("C extension"),
    /** The board's firmware lacks the module. */
    MISSING("missing on board"),
    /** No wheel for this interpreter and no source build that works. */
    CANNOT_INSTALL("cannot install"),
    /** The target could not be asked (no pip, board busy): no answer either way. */
    NOT_CHECKED("not checked");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** As the table shows it. */
    public String label() {
        return label;
    }

    /** As the table shows it for a target of this kind ("host" or "board"): a host misses a module too. */
    public String label(String targetKind) {
        return this == MISSING && targetKind.equals("host") ? "missing on host" : label;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
