package org.benchrig.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The state file a running emulator leaves under the runtime directory (QEMU's pid, its QMP
 * socket, the controller that started it), and the ending of emulators whose controller is gone:
 * a controller killed with SIGKILL leaves nothing that the next start does not end.
 */
final class EmulatorLeftovers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorLeftovers() {
    }

    /** Records a running emulator in {@code stateFile}. */
    static void write(Path stateFile, Emulator.State state) throws IOException {
        JSON.writeValue(stateFile.toFile(), state);
    }

    /**
     * Ends emulators that controllers killed without cleanup left behind under {@code runtimeDir},
     * and only those: the process must still carry the QMP socket path its state file recorded.
     * Returns the boards whose emulators were ended.
     */
    static List<String> endAll(Path runtimeDir) {
        List<String> ended = new ArrayList<>();
        if (!Files.isDirectory(runtimeDir)) {
            return ended;
        }
        try (Stream<Path> files = Files.list(runtimeDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                end(f, false).ifPresent(ended::add);
            }
        } catch (IOException e) {
            throw new LinkLost("cannot read " + runtimeDir + ": " + e.getMessage(), e);
        }
        return ended;
    }

    /**
     * Ends the emulator a state file describes if its controller is gone. A live controller (this
     * process included) still owns it: {@code needed} says whether that is an error (the caller
     * wants this board) or fine (a scan).
     */
    static Optional<String> end(Path stateFile, boolean needed) {
        if (!Files.exists(stateFile)) {
            return Optional.empty();
        }
        Emulator.State s;
        try {
            s = JSON.readValue(stateFile.toFile(), Emulator.State.class);
        } catch (IOException e) {
            deleteQuietly(stateFile); // unreadable: nothing can be matched against it
            return Optional.empty();
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(s.controllerPid());
        // the same start instant tells the controller apart from a later process that reused its pid
        if (owner.isPresent() && owner.get().isAlive() && startOf(owner.get()).equals(s.controllerStart())) {
            if (!needed) {
                return Optional.empty();
            }
            throw new BoardBusy("board " + s.board() + " is in use by process " + s.controllerPid()
                    + " since " + s.startedAt());
        }
        boolean ended = false;
        Optional<ProcessHandle> qemu = ProcessHandle.of(s.qemuPid());
        if (qemu.isPresent() && commandLineContains(s.qemuPid(), s.qmp())) {
            qemu.get().destroyForcibly();
            qemu.get().onExit().orTimeout(Emulator.QUIT_WAIT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(x -> null).join();
            ended = true;
        }
        deleteQuietly(stateFile);
        deleteQuietly(Path.of(s.qmp()));
        return ended ? Optional.of(s.board()) : Optional.empty();
    }

    static String startOf(ProcessHandle h) {
        return h.info().startInstant().map(Object::toString).orElse("");
    }

    private static boolean commandLineContains(long pid, String marker) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover file is harmless; the next start overwrites it
        }
    }
}
