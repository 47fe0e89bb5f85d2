package org.benchrig.selfbench;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.board.Emulator;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.config.Pacing;
import org.benchrig.time.Deadline;

/**
 * An emulated micro:bit behind the fault injector: to the controller a {@code kind: serial} board
 * with no reset line or power switch wired, at {@link #port()}, as a USB board on a Pi would be.
 */
public final class FaultyLine implements AutoCloseable {
    /** QEMU start plus firmware boot. */
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private final Emulator emulator;
    private final FaultProxy proxy;

    private FaultyLine(Emulator emulator, FaultProxy proxy) {
        this.emulator = emulator;
        this.proxy = proxy;
    }

    /** Starts the emulator (state under {@code dir}) and the proxy, whose port appears at {@code dir/ID.tty}. */
    public static FaultyLine start(String id, Path firmware, Path proxyScript, Path dir, FaultProxy.Rates rates,
                                   long seed) {
        Emulator e = Emulator.start(id + "-emu", firmware, dir, Deadline.in(START_WAIT));
        try {
            return new FaultyLine(e, FaultProxy.start(proxyScript, e.ptyPath(), dir.resolve(id + ".tty"), rates, seed));
        } catch (RuntimeException failed) {
            e.close();
            throw failed;
        }
    }

    public String port() {
        return proxy.link().toString();
    }

    public FaultProxy proxy() {
        return proxy;
    }

    /** The board as a rig config would describe it: serial, at the proxy's port, nothing wired. */
    public BoardConfig config(String id) {
        return new BoardConfig(id, BoardKind.SERIAL, "microbit", null, port(), BoardConfig.DEFAULT_BAUD,
                Pacing.SAFE_DEFAULT, "s");
    }

    @Override
    public void close() {
        try {
            proxy.close();
        } finally {
            emulator.close();
        }
    }
}
