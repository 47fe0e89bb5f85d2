package org.benchrig.board;

import org.benchrig.time.Deadline;

/** MicroPython's raw REPL spoken over a {@link Link}. */
public interface Repl {

    /** Interrupts whatever runs and enters raw REPL; throws {@link ReplFailure} when the board is hung. */
    void enterRaw(Deadline deadline);

    /** Runs {@code source} and returns its output; a runaway is interrupted at the deadline. */
    ExecResult exec(String source, Deadline deadline);

    /** Soft reset: a fresh heap, the raw REPL again. */
    void softReset(Deadline deadline);

    /** Whether the board speaks raw-paste (MicroPython 1.14+), probed once per session. */
    boolean rawPasteSupported();
}
