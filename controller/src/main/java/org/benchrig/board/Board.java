package org.benchrig.board;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.benchrig.config.BoardConfig;
import org.benchrig.instrument.PowerSwitch;
import org.benchrig.instrument.ResetLine;
import org.benchrig.time.Deadline;

/**
 * One MicroPython board: its link, raw REPL, reset line and power switch. Keeps one connection
 * open (opening an emulator's pty costs about 0.9 s) and recovers a hung board by a hard reset,
 * then a power cycle, before it reports the failure.
 */
public final class Board implements AutoCloseable {
    /** A reset pulse long enough for every board family we wire (RP2040 needs the most). */
    static final Duration RESET_PULSE = Duration.ofMillis(100);
    /** Minimum time a board stays unpowered, so its regulators drain and it really restarts. */
    static final Duration POWER_OFF_TIME = Duration.ofMillis(500);
    /** Budget for a board to come back after a reset or power cycle and enter raw REPL. */
    static final Duration RECOVERY_WAIT = Duration.ofSeconds(20);
    /** Longest source sent as a plain exec by {@link #execVerified}: a damaged short call fails to compile, a long one may not. */
    static final int DIRECT_EXEC_MAX_BYTES = 256;
    /** Where {@link #execVerified} stages a longer source on the board's flash. */
    static final String STAGED_SOURCE = "_brx.py";
    /** After a hard reset the firmware prints its banner; this is how long it may stay quiet. */
    private static final Duration BOOT_QUIET = Duration.ofMillis(150);

    private static final String INFO_SCRIPT = String.join("\n",
            "import gc,os,sys",
            "gc.collect()",
            "u=os.uname();v=sys.implementation.version;s=0",
            "for n in os.listdir():",
            " try:s+=os.size(n)",
            " except:s+=os.stat(n)[6]",
            "try:",
            " t=os.statvfs('/');f=t[0]*t[3]",
            "except:f=-1",
            "print('@I|%s|%d.%d.%d|%s|%s|%d|%d|%d|%d|'%(sys.implementation.name,v[0],v[1],v[2],u.machine,"
                    + "sys.platform,gc.mem_free(),gc.mem_alloc(),s,f))",
            "");

    private final BoardConfig config;
    private final Supplier<String> portPath;
    private final ResetLine resetLine;
    private final PowerSwitch powerSwitch;
    private final AutoCloseable owned;
    private Link link;
    private RawRepl repl;
    private volatile BoardState state = BoardState.OFFLINE;
    private volatile String reason = "";

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
        if (link == null) {
            throw new LinkLost("board " + id() + " is not connected (its last recovery failed)");
        }
        try {
            return repl.exec(source, deadline);
        } catch (ReplFailure f) {
            if (!f.boardHung()) {
                throw f;
            }
            String how = recover(Deadline.in(RECOVERY_WAIT));
            throw f.recovered(how);
        } catch (LinkLost lost) {
            String how = recover(Deadline.in(RECOVERY_WAIT));
            throw new ReplFailure(org.benchrig.result.FailureClass.INFRASTRUCTURE, false,
                    lost.getMessage() + "; " + how, "");
        }
    }

    /**
     * Runs a source whose every byte matters: a short one directly; a longer one (where a dropped
     * byte could still be valid Python) goes to the flash by verified upload first and runs from
     * there with {@code exec}, in the same globals as a direct exec.
     */
    public ExecResult execVerified(String source, Deadline deadline) {
        byte[] bytes = source.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= DIRECT_EXEC_MAX_BYTES) {
            return exec(source, deadline);
        }
        upload(STAGED_SOURCE, bytes, deadline);
        ExecResult r = exec("exec(open('" + STAGED_SOURCE + "').read())", deadline);
        exec("import os\ntry:\n os.remove('" + STAGED_SOURCE + "')\nexcept OSError:\n pass", deadline);
        return r;
    }

    public void softReset(Deadline deadline) {
        repl.softReset(deadline);
    }

    /** Verified upload of a file to the board's filesystem (see {@link VerifiedUpload}). */
    public VerifiedUpload.Report upload(String name, byte[] content, Deadline deadline) {
        return recovering(() -> new VerifiedUpload(repl).upload(name, content, deadline));
    }

    /** Uploads only when the board does not hold this exact content already. */
    public VerifiedUpload.Report ensureFile(String name, byte[] content, Deadline deadline) {
        return recovering(() -> new VerifiedUpload(repl).ensure(name, content, deadline));
    }

    /** Runs a board action; a board that hung meanwhile is recovered before the failure is thrown. */
    private <T> T recovering(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ReplFailure f) {
            if (!f.boardHung()) {
                throw f;
            }
            throw f.recovered(recover(Deadline.in(RECOVERY_WAIT)));
        }
    }

    /** Version, machine, heap and filesystem use, as the board reports them. */
    public BoardInfo info(Deadline deadline) {
        String out = exec(INFO_SCRIPT, deadline).stdoutOrThrow();
        int at = out.indexOf("@I|");
        if (at < 0) {
            throw new LinkLost("board " + id() + " answered the info probe with: " + out.strip());
        }
        String[] f = out.substring(at + 3).split("\\|");
        return new BoardInfo(f[0], f[1], f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                Long.parseLong(f[6]), Long.parseLong(f[7]));
    }

    /**
     * Brings a hung board back: hard reset through the reset line; if the board still does not
     * answer, a power cycle. Returns what it did, for the failure's message.
     */
    public String recover(Deadline deadline) {
        BoardState before = state;
        setState(BoardState.RECOVERING, "not answering");
        try {
            resetLine.pulse(RESET_PULSE);
            link.drain(BOOT_QUIET, deadline.atMost(Duration.ofSeconds(2)));
            repl.enterRaw(deadline);
            setState(before == BoardState.RECOVERING ? BoardState.READY : before, "");
            return "board hard-reset (" + resetLine.label() + ")";
        } catch (RuntimeException afterReset) {
            closeLink();
            powerSwitch.cycle(POWER_OFF_TIME);
            openLink();
            repl.enterRaw(deadline);
            setState(before == BoardState.RECOVERING ? BoardState.READY : before, "");
            return "board power-cycled (" + powerSwitch.label() + ") after the reset did not help";
        }
    }

    /** Power off, wait the minimum off time, power on, reconnect: the last resort before quarantine. */
    public void powerCycle(Deadline deadline) {
        closeLink();
        powerSwitch.cycle(POWER_OFF_TIME);
        openLink();
        repl.enterRaw(deadline);
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
