package org.benchrig.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchrig.time.Deadline;

/**
 * An emulated micro:bit: QEMU's {@code -M microbit} machine running a firmware image, its serial
 * port on a pty and a QMP socket for hard reset and power off. A state file per board under the
 * runtime directory lets the next controller find and end emulators a killed controller left
 * ({@link EmulatorLeftovers}).
 */
public final class Emulator implements AutoCloseable {
    private static final Pattern PTY = Pattern.compile("char device redirected to (/dev/pts/\\d+)");
    /** QEMU prints its pty within a few hundred ms; a loaded host can take seconds. */
    private static final Duration START_WAIT = Duration.ofSeconds(15);
    /** Time QEMU gets to exit after QMP quit before it is killed. */
    static final Duration QUIT_WAIT = Duration.ofSeconds(3);
    /** Time QEMU gets to copy its flash to a file before it is powered off. */
    private static final Duration SAVE_WAIT = Duration.ofSeconds(5);
    /** Unix socket paths are limited to 107 bytes, so sockets live in a short temporary directory. */
    private static final int MAX_SOCKET_PATH = 100;

    /** What a running emulator leaves on disk so that a later controller can recognise it. */
    record State(String board, long qemuPid, long controllerPid, String controllerStart, String qmp, String pty,
                 String firmware, String startedAt) {
    }

    private final String boardId;
    private final Path runtimeDir;
    /** The flash kept between power-offs, or null: every start is a freshly flashed board. */
    private final EmulatedFlash kept;
    private Path firmware;
    private Process process;
    private Path qmpSocket;
    private String pty;

    private Emulator(String boardId, Path runtimeDir, Path flashDir) {
        this.boardId = boardId;
        this.runtimeDir = runtimeDir;
        this.kept = flashDir == null ? null : new EmulatedFlash(flashDir, boardId);
    }

    /** Starts QEMU with {@code firmware} and an empty filesystem, keeping nothing after power-off. */
    public static Emulator start(String boardId, Path firmware, Path runtimeDir, Deadline deadline) {
        return start(boardId, firmware, runtimeDir, null, deadline);
    }

    /**
     * Starts QEMU with {@code firmware}; ends this board's leftover emulator of a dead controller first.
     * With {@code flashDir}, the board's flash (its files) is saved there at power-off and loaded at
     * the next start, as a real board keeps it.
     */
    public static Emulator start(String boardId, Path firmware, Path runtimeDir, Path flashDir, Deadline deadline) {
        Emulator e = new Emulator(boardId, runtimeDir, flashDir);
        EmulatorLeftovers.end(runtimeDir.resolve(boardId + ".json"), true);
        e.launch(firmware, deadline);
        return e;
    }

    public String boardId() {
        return boardId;
    }

    public String ptyPath() {
        return pty;
    }

    public Path firmware() {
        return firmware;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** A hard reset of the emulated machine, like pressing its reset button; the pty stays. */
    public void hardReset(Deadline deadline) {
        Qmp.execute(qmpSocket, "system_reset", deadline);
    }

    /** Powers the board off (QMP quit, then a kill if QEMU lingers), its flash saved first when kept. */
    public void powerOff() {
        powerOff(true);
    }

    private void powerOff(boolean keepFlash) {
        if (process == null) {
            return;
        }
        if (process.isAlive() && kept != null && keepFlash) {
            try {
                kept.save(qmpSocket, firmware, Deadline.in(SAVE_WAIT));
            } catch (LinkLost e) {
                kept.clear(); // an old copy would bring back files the board had since changed
            }
        }
        if (process.isAlive()) {
            try {
                Qmp.execute(qmpSocket, "quit", Deadline.in(QUIT_WAIT));
            } catch (LinkLost ignored) {
                // QEMU is already going; the wait below decides
            }
            try {
                if (!process.waitFor(QUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(QUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException ie) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        EmulatorLeftovers.deleteQuietly(stateFile());
        EmulatorLeftovers.deleteQuietly(qmpSocket);
        if (qmpSocket != null) {
            EmulatorLeftovers.deleteQuietly(qmpSocket.getParent());
        }
    }

    /** Powers off and on again with {@code image}, the kept flash (files) included. The pty changes. */
    public void restart(Path image, Deadline deadline) {
        powerOff();
        launch(image, deadline);
    }

    /** "Flashing" an emulated board: powers off, erases the kept flash, starts with {@code image}. The pty changes. */
    public void flash(Path image, Deadline deadline) {
        powerOff(false);
        if (kept != null) {
            kept.clear();
        }
        launch(image, deadline);
    }

    @Override
    public void close() {
        powerOff();
    }

    private void launch(Path image, Deadline deadline) {
        this.firmware = image;
        try {
            Files.createDirectories(runtimeDir);
            Path sockDir = Files.createTempDirectory("brq");
            qmpSocket = sockDir.resolve(boardId + ".qmp");
            if (qmpSocket.toString().length() > MAX_SOCKET_PATH) {
                throw new LinkLost("QMP socket path too long: " + qmpSocket);
            }
            Path log = runtimeDir.resolve(boardId + ".qemu.log");
            List<String> cmd = List.of("qemu-system-arm", "-M", "microbit",
                    "-device", kept == null ? "loader,file=" + image.toAbsolutePath() : kept.loader(image),
                    "-nographic", "-monitor", "none", "-serial", "pty",
                    "-icount", "shift=6",
                    "-qmp", "unix:" + qmpSocket + ",server=on,wait=off");
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            // recorded before any wait: a controller killed while QEMU boots leaves a state file, not an orphan
            writeState(image, "");
            pty = awaitPty(log, deadline.atMost(START_WAIT));
            awaitSocket(deadline.atMost(START_WAIT));
            writeState(image, pty);
        } catch (IOException e) {
            powerOff();
            throw new LinkLost("cannot start QEMU for board " + boardId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            powerOff();
            throw e;
        }
    }

    private void writeState(Path image, String ptyPath) throws IOException {
        State state = new State(boardId, process.pid(), ProcessHandle.current().pid(),
                EmulatorLeftovers.startOf(ProcessHandle.current()), qmpSocket.toString(),
                ptyPath, image.toAbsolutePath().toString(), Instant.now().toString());
        EmulatorLeftovers.write(stateFile(), state);
    }

    private String awaitPty(Path log, Deadline deadline) throws IOException {
        while (true) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            Matcher m = PTY.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new LinkLost("QEMU for board " + boardId + " exited with " + process.exitValue() + ": "
                        + text.strip());
            }
            if (deadline.expired()) {
                throw new LinkLost("QEMU for board " + boardId + " printed no pty within "
                        + deadline.budget().toMillis() + " ms: " + text.strip());
            }
            pollPause();
        }
    }

    private void awaitSocket(Deadline deadline) {
        while (!Files.exists(qmpSocket)) {
            if (deadline.expired() || !process.isAlive()) {
                throw new LinkLost("QEMU for board " + boardId + " opened no QMP socket");
            }
            pollPause();
        }
    }

    private Path stateFile() {
        return runtimeDir.resolve(boardId + ".json");
    }

    /**
     * Ends emulators that controllers killed without cleanup left behind under {@code runtimeDir},
     * and only those (see {@link EmulatorLeftovers}). Returns the boards whose emulators were ended.
     */
    public static List<String> endLeftovers(Path runtimeDir) {
        return EmulatorLeftovers.endAll(runtimeDir);
    }

    private static void pollPause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkLost("interrupted while waiting for QEMU");
        }
    }

}
