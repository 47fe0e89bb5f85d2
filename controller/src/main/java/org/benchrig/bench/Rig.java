package org.benchrig.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.benchrig.board.Board;
import org.benchrig.board.BoardBusy;
import org.benchrig.board.BoardState;
import org.benchrig.board.Boards;
import org.benchrig.board.Emulator;
import org.benchrig.board.HealthCheck;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.config.RigConfig;
import org.benchrig.flash.FirmwareImage;
import org.benchrig.flash.FlashFailed;
import org.benchrig.flash.FlashReport;
import org.benchrig.flash.FlashVerifier;
import org.benchrig.flash.InvalidImage;
import org.benchrig.instrument.Instruments;
import org.benchrig.store.BoardRecords;

/**
 * One bench as a running controller sees it: the config, and the boards this command opened.
 * Boards are opened (emulators started) on first use and all closed (emulators stopped) on close.
 * A board serves one process at a time: opening it takes its lease in the rig's database, renewed
 * while this process lives ({@link BoardLeases}); another process gets "board X is busy: run 42
 * since 02:00". Health checks and quarantine follow {@link HealthPolicy}; flashing is
 * {@link BoardFlashing}'s.
 */
public final class Rig implements AutoCloseable {
    /** How long a lease outlives its last renewal: a hung holder loses the board after this. */
    public static final Duration LEASE_TTL = Duration.ofSeconds(30);

    private final RigConfig config;
    private final BoardRecords records;
    private final Map<String, Board> open = new LinkedHashMap<>();
    private final List<String> endedLeftovers;
    private final BoardLeases leases;
    private final Instruments instruments;
    private final HealthPolicy health;
    private final BoardFlashing flashing;
    private final BoardClaims claims = new BoardClaims(Clock.systemUTC());

    private Rig(RigConfig config, BoardRecords records, List<String> endedLeftovers) {
        this.config = config;
        this.records = records;
        this.endedLeftovers = endedLeftovers;
        this.instruments = new Instruments(config);
        this.health = new HealthPolicy(this::board, this::quarantine);
        this.flashing = new BoardFlashing(instruments, runtimeDir(config), flashDir(config), this::openWired);
        this.leases = new BoardLeases(records, this::renewLeases);
    }

    /** Who uses each board inside this process (a run, a CLI command served by the daemon). */
    public BoardClaims claims() {
        return claims;
    }

    /** The rig's GPIO and I2C instruments (Pi4J), real or simulated by the config's platform. */
    public Instruments instruments() {
        return instruments;
    }

    /** Prepares the rig; first ends emulators that a killed controller left behind. */
    public static Rig open(RigConfig config) {
        BoardRecords records = BoardRecords.open(config.dataDir().resolve("benchrig.db"), Clock.systemUTC());
        return new Rig(config, records, Emulator.endLeftovers(runtimeDir(config)));
    }

    /** What this process uses its boards for, as other processes are told: "run 42", "benchrig exec". */
    public void setPurpose(String purpose) {
        leases.purpose(purpose);
        renewLeases();
    }

    private synchronized void renewLeases() {
        for (String id : open.keySet()) {
            leases.renew(id);
        }
    }

    /** The board's lasting record (e.g. QUARANTINED and why), if any. */
    public Optional<BoardRecords.BoardRecord> record(String id) {
        return records.state(id);
    }

    /** Takes a board out of service until a person releases it; runs go on with the other targets. */
    public void quarantine(String id, String reason) {
        records.setState(id, BoardState.QUARANTINED.name(), reason);
        Board b;
        synchronized (this) {
            b = open.get(id);
        }
        if (b != null) {
            b.setState(BoardState.QUARANTINED, reason);
        }
    }

    /**
     * Checks a board; a failing board is recovered as its wiring allows (hard reset, reopening its
     * port, power cycle: {@link Board#recover}) and checked again. Only when that second check fails
     * too is the board quarantined, with both reasons: one transient fault never quarantines a
     * board. A board that cannot even be opened counts as failing.
     */
    public HealthCheck.Report ensureHealthy(String id, HealthCheck check) {
        return health.ensureHealthy(id, check);
    }

    public void releaseQuarantine(String id) {
        records.clearState(id);
        Board b;
        synchronized (this) {
            b = open.get(id);
        }
        if (b != null && b.state() == BoardState.QUARANTINED) {
            b.setState(BoardState.READY, ""); // the next run checks its health first
        }
    }

    /** What {@link #flash} did: the flasher's report and the verification of the board afterwards. */
    public record Flashed(FlashReport report, FlashVerifier.Verification verification) {
    }

    /**
     * Flashes {@code image} on a board as {@code benchrig flash} does (the board's flasher, then
     * {@link FlashVerifier}), holding the board's lease throughout; the board stays
     * open in this rig afterwards. Another process holding the board: {@link BoardBusy}. Runs of this
     * process wait for the board meanwhile.
     *
     * @throws InvalidImage when the board's flasher refuses the image
     * @throws FlashFailed  when programming failed
     */
    public synchronized Flashed flash(String id, FirmwareImage image, Consumer<String> progress) {
        BoardConfig bc = config.board(id).orElseThrow(() -> new IllegalArgumentException("no board '" + id + "'"));
        Board old = open.remove(id);
        if (old == null) {
            leases.take(id);
        } else {
            old.close();
        }
        boolean kept = false;
        try {
            BoardFlashing.Done done = flashing.flash(bc, image, progress);
            open.put(id, done.board());
            kept = true;
            return done.flashed();
        } finally {
            if (!kept) {
                leases.release(id);
            }
        }
    }

    public boolean quarantined(String id) {
        return records.state(id).map(r -> r.state().equals(BoardState.QUARANTINED.name())).orElse(false);
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

    /** Where emulated boards keep their flash (their files) between power-offs: a file per board. */
    public static Path flashDir(RigConfig config) {
        return config.dataDir().resolve("flash");
    }

    /** The SQLite store's file. */
    public Path databasePath() {
        return config.dataDir().resolve("benchrig.db");
    }

    /** Opens a board with the reset line and power switch its config wires to this rig's GPIO. */
    private Board openWired(BoardConfig bc) {
        boolean gpio = bc.kind() != BoardKind.EMULATED;   // an emulated board is reset and powered through QEMU
        return Boards.open(bc, runtimeDir(config), flashDir(config), gpio ? instruments.resetLine(bc) : null,
                gpio ? instruments.powerSwitch(bc) : null);
    }

    /** The board if some command opened it already; never starts an emulator (web UI bench page, MQTT board states). */
    public synchronized Optional<Board> openedBoard(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /** The board, opened (and for emulated boards started) on first use. */
    public synchronized Board board(String id) {
        Board b = open.get(id);
        if (b == null) {
            BoardConfig bc = config.board(id).orElseThrow(() -> new IllegalArgumentException(
                    "no board '" + id + "' in " + config.source() + "; boards: "
                            + config.boards().stream().map(BoardConfig::id).toList()));
            leases.take(id);
            try {
                b = openWired(bc);
            } catch (RuntimeException e) {
                leases.release(id);
                throw e;
            }
            open.put(id, b);
        }
        return b;
    }

    @Override
    public synchronized void close() {
        leases.close();
        List<RuntimeException> errors = new ArrayList<>();
        for (Board b : open.values()) {
            try {
                b.close();
                leases.release(b.id());
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        open.clear();
        try {
            records.close();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        try {
            instruments.close();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
