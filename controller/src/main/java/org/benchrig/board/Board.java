package org.benchrig.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.benchrig.config.BoardConfig;
import org.benchrig.control.PowerSwitch;
import org.benchrig.control.ResetLine;
import org.benchrig.time.Deadline;

/**
 * One MicroPython board: its link, raw REPL, reset line and power switch. Keeps one connection
 * open (opening an emulator's pty costs about 0.9 s) and recovers a hung board by a hard reset,
 * then a power cycle, before it reports the failure. The text of its own checked scripts is
 * {@link OwnScripts}'. Just over 300 lines on purpose: exec, uploads and recovery all use and
 * replace one open link and REPL (a recovery reopens them mid-call); split, they would share it.
 */
public final class Board implements AutoCloseable {
    /** A reset pulse long enough for every board family we wire (RP2040 needs the most). */
    static final Duration RESET_PULSE = Duration.ofMillis(100);
    /** Minimum time a board stays unpowered, so its regulators drain and it really restarts. */
    static final Duration POWER_OFF_TIME = Duration.ofMillis(500);
    /** Budget for a board to come back after a reset or power cycle and enter raw REPL. */
    static final Duration RECOVERY_WAIT = Duration.ofSeconds(20);
    /** Sends of one of our own scripts that arrived damaged (a dropped byte under host load), each gentler. */
    static final int OWN_SCRIPT_ATTEMPTS = 3;
    /** How long a port that went away (a pulled USB cable) may take to come back before we give up on it. */
    static final Duration PORT_RETURN_WAIT = Duration.ofSeconds(15);
    /** An emulator's pty does not come back once gone (a restart makes a new one): only a short look. */
    static final Duration EMULATED_PORT_WAIT = Duration.ofSeconds(1);
    /** After a hard reset the firmware prints its banner; this is how long it may stay quiet. */
    private static final Duration BOOT_QUIET = Duration.ofMillis(150);

    private final BoardConfig config;
    private final Supplier<String> portPath;
    private final ResetLine resetLine;
    private final PowerSwitch powerSwitch;
    private final AutoCloseable owned;
    private Link link;
    private RawRepl repl;
    private volatile BoardState state = BoardState.OFFLINE;
    private volatile String reason = "";
    private FramedExec framed; // checks its board helper once

    /**
     * @param portPath    where the board's serial port is now (an emulator's pty changes on restart)
     * @param owned       closed with the board (the emulator process), or null
     */
    public Board(BoardConfig config, Supplier<String> portPath, ResetLine resetLine, PowerSwitch powerSwitch,
                 AutoCloseable owned) {
        this.config = config;
        this.portPath = portPath;
        this.resetLine = resetLine;
        this.powerSwitch = powerSwitch;
        this.owned = owned;
    }

    public String id() {
        return config.id();
    }

    public BoardConfig config() {
        return config;
    }

    public BoardState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public void setState(BoardState state, String reason) {
        this.state = state;
        this.reason = reason == null ? "" : reason;
    }

    public String linkName() {
        return link == null ? portPath.get() : link.name();
    }

    /** Opens the link and enters raw REPL; a board that does not answer is hard-reset once. */
    public void connect(Deadline deadline) {
        openLink();
        try {
            repl.enterRaw(deadline);
        } catch (ReplFailure hung) {
            recover(deadline);
        }
        setState(BoardState.READY, "");
    }

    public Repl repl() {
        return repl;
    }

    /**
     * Runs {@code source}. A board exception is in the result; a runaway is interrupted; a board
     * that no longer answers is hard-reset (then power-cycled) and the classified failure thrown.
     */
    public ExecResult exec(String source, Deadline deadline) {
        return recovering(() -> repl.exec(source, deadline));
    }

    /** Recovers; when that fails too, the failure says both what happened and what was tried. */
    private String recoverOrExplain(RuntimeException cause) {
        try {
            return recover(Deadline.in(RECOVERY_WAIT));
        } catch (ReplFailure notBack) {
            if (cause instanceof DamagedLink) { // the board did answer: the line, not the board, is the trouble
                throw new DamagedLink(cause.getMessage() + "; " + notBack.getMessage(), ((DamagedLink) cause).transcript());
            }
            throw new ReplFailure(cause instanceof ReplFailure f ? f.failureClass()
                    : org.benchrig.result.FailureClass.INFRASTRUCTURE, false,
                    cause.getMessage() + "; " + notBack.getMessage(), cause instanceof ReplFailure f ? f.transcript() : "");
        }
    }

    /**
     * Runs a person's code with its output checked on the way back (see {@link FramedExec}): the
     * same {@code __name__ == '__main__'} and output for a source of any size. {@code label} names
     * the code in tracebacks; {@code reruns} allows running it again when its output arrived damaged.
     */
    public FramedExec.Checked execChecked(String source, String label, int reruns, Deadline deadline) {
        if (framed == null) {
            framed = new FramedExec(this, new java.security.SecureRandom());
        }
        return framed.run(source, label, reruns, deadline);
    }

    /** Soft reset; a board that does not answer is recovered (as its wiring allows) before the failure is thrown. */
    public void softReset(Deadline deadline) {
        recovering(() -> {
            repl.softReset(deadline);
            return null;
        });
    }

    /** Verified upload of a file to the board's filesystem (see {@link VerifiedUpload}). */
    public VerifiedUpload.Report upload(String name, byte[] content, Deadline deadline) {
        return recovering(() -> new VerifiedUpload(repl).upload(name, content, deadline));
    }

    /** Uploads only when the board does not hold this exact content already. */
    public VerifiedUpload.Report ensureFile(String name, byte[] content, Deadline deadline) {
        return recovering(() -> new VerifiedUpload(repl).ensure(name, content, deadline));
    }

    /** Runs a board action; a board that hung or whose link broke meanwhile is recovered before the failure is thrown. */
    private <T> T recovering(java.util.function.Supplier<T> action) {
        if (link == null) { // the last recovery could not reopen the port: try again before giving up
            recover(Deadline.in(RECOVERY_WAIT));
        }
        try {
            return action.get();
        } catch (ReplFailure f) {
            if (!f.boardHung()) {
                throw f;
            }
            throw f.recovered(recoverOrExplain(f));
        } catch (LinkLost lost) {
            throw new ReplFailure(org.benchrig.result.FailureClass.INFRASTRUCTURE, false,
                    lost.getMessage() + "; " + recoverOrExplain(lost), "");
        }
    }

    /**
     * Runs one of the controller's own small scripts, inside a call that checks the script's
     * Adler-32 on the board before it runs it. Our scripts do not raise by themselves, so any
     * exception outside the script (a damaged wrapper) or a failed checksum means the bytes were
     * damaged on the way: the call is sent again, gentler each time ({@link GentlerResends}; the
     * next script starts at the configured pacing). An exception the verified script raised is real.
     */
    public ExecResult execOwn(String source, Deadline deadline) {
        GentlerResends sends = new GentlerResends(config.pacing());
        return OwnScripts.send(id(), source, sends, OWN_SCRIPT_ATTEMPTS,
                call -> recovering(() -> repl.exec(call, sends, deadline)));
    }

    /** Version, machine, heap and filesystem use, as the board reports them (a checksummed line). */
    public BoardInfo info(Deadline deadline) {
        String out = "";
        for (int attempt = 1; attempt <= OWN_SCRIPT_ATTEMPTS; attempt++) {
            out = execOwn(OwnScripts.INFO, deadline).stdoutOrThrow();
            Optional<BoardInfo> info = OwnScripts.info(out);
            if (info.isPresent()) {
                return info.get();
            }
        }
        throw new DamagedLink("board " + id() + "'s answer to the info probe arrived damaged " + OWN_SCRIPT_ATTEMPTS
                + " times: " + out.strip(), "");
    }

    /**
     * Brings a board back that stopped answering, with what its wiring allows, in order: a hard
     * reset (reset line), reopening the port and interrupting (a pulled cable: waits for the device
     * to reappear), a power cycle. Returns what worked, for the failure's message; throws an
     * {@code INFRASTRUCTURE} {@link ReplFailure} saying what was tried when nothing did.
     */
    public String recover(Deadline deadline) {
        BoardState before = state;
        setState(BoardState.RECOVERING, "not answering");
        List<String> tried = new ArrayList<>();
        String how = attempt(tried, "hard reset", () -> {
            if (link == null) {
                throw new NotWired("the port is not open");
            }
            resetLine.pulse(RESET_PULSE);
            link.drain(BOOT_QUIET, deadline.atMost(Duration.ofSeconds(2)));
            repl.enterRaw(deadline);
            return "board hard-reset (" + resetLine.resetLabel() + ")";
        });
        if (how == null) {
            how = attempt(tried, "reopening the port", () -> {
                reopenLink(deadline.atMost(config.kind() == org.benchrig.config.BoardKind.EMULATED
                        ? EMULATED_PORT_WAIT : PORT_RETURN_WAIT));
                interruptAndEnterRaw(deadline);
                return "port " + linkName() + " reopened and the board interrupted";
            });
        }
        if (how == null) {
            how = attempt(tried, "power cycle", () -> {
                powerCycle(deadline);
                return "board power-cycled (" + powerSwitch.powerLabel() + ")";
            });
        }
        if (how == null) {
            String why = "board " + id() + " does not answer; tried: " + String.join("; ", tried);
            setState(BoardState.RECOVERING, why);
            throw new ReplFailure(org.benchrig.result.FailureClass.INFRASTRUCTURE, false, why, "");
        }
        setState(before == BoardState.RECOVERING ? BoardState.READY : before, "");
        return how;
    }

    /** One recovery step: its description on success, or null with why it failed added to {@code tried}. */
    private static String attempt(List<String> tried, String step, Supplier<String> action) {
        try {
            return action.get();
        } catch (RuntimeException e) { // NotWired, ReplFailure, LinkLost, LinkTimeout: all say what failed
            tried.add(step + ": " + e.getMessage());
        }
        return null;
    }

    /** After a stall or a reopen: discard what was in flight, interrupt, enter raw REPL (twice if stale answers arrive). */
    private void interruptAndEnterRaw(Deadline deadline) {
        link.drain(BOOT_QUIET, deadline.atMost(Duration.ofSeconds(2)));
        repl.enterRaw(deadline);
        link.drain(BOOT_QUIET, deadline.atMost(Duration.ofSeconds(2))); // banners of earlier Ctrl-A's still in flight
        repl.enterRaw(deadline);
    }

    /** Power off, wait the minimum off time, power on, reconnect: the last resort before quarantine. */
    public void powerCycle(Deadline deadline) {
        closeLink();
        powerSwitch.cycle(POWER_OFF_TIME);
        openLink();
        repl.enterRaw(deadline);
    }

    /** Closes the port and opens it again as soon as the device is there (a re-plugged cable), within the deadline. */
    private void reopenLink(Deadline deadline) {
        closeLink();
        link = SerialLink.openWhenPresent(portPath.get(), config.baud(), deadline);
        repl = new RawRepl(link, config.pacing(), true);
    }

    private void openLink() {
        closeLink();
        link = SerialLink.open(portPath.get(), config.baud());
        repl = new RawRepl(link, config.pacing(), true);
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /** The board's current link, for tools that speak to it directly (selfbench). */
    public Optional<Link> link() {
        return Optional.ofNullable(link);
    }

    @Override
    public void close() {
        closeLink();
        setState(BoardState.OFFLINE, "");
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new LinkLost("closing board " + id() + ": " + e.getMessage(), e);
            }
        }
    }
}
