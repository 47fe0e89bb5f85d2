package org.benchrig.command;

/**
 * The controller's exit codes: 0 success, 1 the board or benchmark failed (an exception, a failed
 * measurement), 2 bad usage or config, 3 the rig failed (board busy, link lost, emulator would not
 * start), 4 the board's output arrived damaged and is not shown ({@code exec} without {@code --retry}).
 */
public final class ExitCode {
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int RIG = 3;
    public static final int DAMAGED = 4;

    private ExitCode() {
    }
}
