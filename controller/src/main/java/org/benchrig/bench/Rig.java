package org.benchrig.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.board.Board;
import org.benchrig.board.Boards;
import org.benchrig.board.Emulator;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.RigConfig;

/**
 * One bench as a running controller sees it: the config, and the boards this command opened.
 * Boards are opened (emulators started) on first use and all closed (emulators stopped) on close.
 */
public final class Rig implements AutoCloseable {
    private final RigConfig config;
    private final Map<String, Board> open = new LinkedHashMap<>();
    private final List<String> endedLeftovers;

    private Rig(RigConfig config, List<String> endedLeftovers) {
        this.config = config;
        this.endedLeftovers = endedLeftovers;
    }

    /** Prepares the rig; first ends emulators that a killed controller left behind. */
    public static Rig open(RigConfig config) {
        return new Rig(config, Emulator.endLeftovers(runtimeDir(config)));
    }

    public RigConfig config() {
        return config;
    }

    /** Boards whose leftover emulators were ended when this rig was opened. */
    public List<String> endedLeftovers() {
        return endedLeftovers;
    }

    /** Where emulators keep their state files and logs. */
    public static Path runtimeDir(RigConfig config) {
        return config.dataDir().resolve("run").resolve("emulators");
    }

    /** The SQLite store's file. */
    public Path databasePath() {
        return config.dataDir().resolve("benchrig.db");
    }

    /** The board if this rig has opened it already; never opens one (MQTT board states read this). */
    public synchronized java.util.Optional<Board> openedBoard(String id) {
        return java.util.Optional.ofNullable(open.get(id));
    }

    /** The board, opened (and for emulated boards started) on first use. */
    public synchronized Board board(String id) {
        Board b = open.get(id);
        if (b == null) {
            BoardConfig bc = config.board(id).orElseThrow(() -> new IllegalArgumentException(
                    "no board '" + id + "' in " + config.source() + "; boards: "
                            + config.boards().stream().map(BoardConfig::id).toList()));
            b = Boards.open(bc, runtimeDir(config));
            open.put(id, b);
        }
        return b;
    }

    @Override
    public synchronized void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (Board b : open.values()) {
            try {
                b.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        open.clear();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
