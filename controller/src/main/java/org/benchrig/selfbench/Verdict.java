package org.benchrig.selfbench;

/** What one transfer of a self-checking script came to. */
public enum Verdict {
    /** The board printed exactly the expected line and raised nothing. */
    OK,
    /** The script ran but printed something else: bytes were lost and the code still ran. */
    WRONG_OUTPUT,
    /** The board raised (SyntaxError, NameError, ... from lost bytes; MemoryError). */
    RAISED,
    /** The board did not get back to its prompt in time (e.g. the Ctrl-D was lost). */
    NO_ANSWER;

    /** Any outcome but {@link #OK} means the script did not run as sent. */
    public boolean corrupted() {
        return this != OK;
    }

    /**
     * @param answered  the raw REPL's frame came back complete (OK ... 0x04 ... 0x04 '>')
     * @param errorText the exception text between the two 0x04 (blank when none)
     */
    public static Verdict judge(String expectedStdout, boolean answered, String stdout, String errorText) {
        if (!answered) {
            return NO_ANSWER;
        }
        if (errorText != null && !errorText.isBlank()) {
            return RAISED;
        }
        return expectedStdout.equals(stdout) ? OK : WRONG_OUTPUT;
    }
}
