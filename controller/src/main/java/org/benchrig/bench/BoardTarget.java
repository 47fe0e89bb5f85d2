package org.benchrig.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.board.BoardRaised;
import org.benchrig.board.BoardState;
import org.benchrig.board.HealthCheck;
import org.benchrig.board.ExecResult;
import org.benchrig.board.LinkLost;
import org.benchrig.board.ReplFailure;
import org.benchrig.config.BoardConfig;
import org.benchrig.instrument.BoardPower;
import org.benchrig.result.Energy;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HarnessFrame;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.store.TargetInfo;
import org.benchrig.time.Deadline;

/**
 * Runs benchmarks on a MicroPython board: soft reset for a fresh heap, the harness and the
 * benchmark module on the board's flash (verified, not re-sent when unchanged), then one small
 * exec per repetition that imports and calls them. The first repetition after the reset is cold.
 */
public final class BoardTarget implements Target {
    /** Soft reset, uploads and probes are small; a minute covers a slow upload on a loaded host. */
    private static final Duration SETUP_WAIT = Duration.ofSeconds(60);
    private static final String HARNESS_NAME = "bh.py";
    /** Tries of one repetition whose tiny call arrived damaged (a dropped byte: SyntaxError/NameError, no result line). */
    private static final int CALL_ATTEMPTS = 3;

    private final Rig rig;
    private final BoardConfig config;
    private final Path harness;
    private Board board;
    private String lastModule;
    private boolean checkBeforeNext;
    private final HealthCheck healthCheck = new HealthCheck(HealthCheck.DEFAULT_MIN_FREE_HEAP, java.util.Optional.empty());
    private BoardPower power;
    private Consumer<String> warnings = w -> { };

    public BoardTarget(Rig rig, BoardConfig config, Path harness) {
        this.rig = rig;
        this.config = config;
        this.harness = harness;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String tier() {
        return config.tier();
    }

    @Override
    public int measurementsPer(int repetitions) {
        return repetitions;
    }

    @Override
    public void warnings(Consumer<String> sink) {
        this.warnings = sink;
    }

    @Override
    public TargetInfo prepare() {
        rig.record(config.id()).filter(r -> r.state().equals(BoardState.QUARANTINED.name())).ifPresent(r -> {
            throw new IllegalStateException("quarantined since " + r.since() + ": " + r.reason()
                    + " (release with: benchrig quarantine " + config.id() + " --release)");
        });
        HealthCheck.Report health = rig.ensureHealthy(config.id(), healthCheck);
        if (!health.healthy()) {
            throw new IllegalStateException("failed its health check twice, quarantined: " + health.reason());
        }
        board = rig.board(config.id());
        try {
            power = rig.instruments().power(config, w -> warnings.accept(w));
        } catch (RuntimeException e) { // a sensor or GPIO that cannot be opened: measure without energy
            power = null;
            warnings.accept("no energy for " + config.id() + ": " + e.getMessage());
        }
        BoardInfo info = health.info();
        String fwHash = config.firmware() == null ? null : Hashes.sha256(config.firmware());
        String details = "model=" + config.model() + ";kind=" + config.kind().name().toLowerCase() + ";heap_total="
                + info.heapTotal() + ";heap_free=" + info.heapFree() + ";fs_used=" + info.fsUsed() + ";fs_free=" + info.fsFree()
                + ";link=" + board.linkName() + ";instruments="
                + rig.config().platform().name().toLowerCase()
                + (power == null ? "" : ";power=" + power.instrument());
        return new TargetInfo(config.id(), "board", info.implementation(), info.version(), board.linkName(), fwHash,
                info.version(), info.machine(), details);
    }

    /** A board that ended its last benchmark in a timeout or a lost link is checked (and maybe quarantined) now. */
    @Override
    public void finish() {
        if (checkBeforeNext) {
            checkBeforeNext = false;
            rig.ensureHealthy(config.id(), healthCheck);
        }
    }

    @Override
    public void run(Benchmark b, RunSettings s, Consumer<Measurement> sink) {
        String tier = b.hasTier(config.tier()) ? config.tier() : "s";
        if (checkBeforeNext) { // the last benchmark ended in a timeout or a lost link: is the board still fit?
            checkBeforeNext = false;
            HealthCheck.Report health = rig.ensureHealthy(config.id(), healthCheck);
            if (!health.healthy()) {
                sink.accept(s.failure(id(), b, tier, Mode.COLD, 0, Outcome.failed(FailureClass.INFRASTRUCTURE,
                        "board quarantined: " + health.reason())));
                return;
            }
        }
        if (rig.quarantined(config.id())) {
            sink.accept(s.failure(id(), b, tier, Mode.COLD, 0, Outcome.failed(FailureClass.INFRASTRUCTURE,
                    "board quarantined: " + rig.record(config.id()).map(r -> r.reason()).orElse(""))));
            return;
        }
        try {
            Deadline setup = Deadline.in(SETUP_WAIT);
            board.softReset(setup);
            board.ensureFile(HARNESS_NAME, read(harness), setup);
            String module = b.name() + ".py";
            if (lastModule != null && !lastModule.equals(module)) {
                // the flash holds ~15 KB: keep only the harness and the benchmark at hand
                board.execOwn("import os\ntry:\n os.remove('" + lastModule + "')\nexcept OSError:\n pass", setup);
            }
            board.ensureFile(module, read(b.file()), setup);
            lastModule = module;
            board.softReset(setup); // the upload helpers used heap; start the benchmark on a fresh one
            if (config.markerPin() != null) {
                board.execOwn(markerHook(config), setup).stdoutOrThrow();
            }
        } catch (ReplFailure | LinkLost | BoardRaised e) {
            sink.accept(s.failure(id(), b, tier, Mode.COLD, 0,
                    Outcome.failed(FailureClass.INFRASTRUCTURE, "setting up " + b.name() + ": " + e.getMessage())));
            checkBeforeNext = true;
            return;
        }
        for (int rep = 0; rep < s.repetitions(); rep++) {
            Mode mode = rep == 0 ? Mode.COLD : Mode.WARM;
            Measurement m = repetition(b, tier, mode, rep, s);
            sink.accept(m);
            if (!m.outcome().isOk() && m.outcome().failure() != FailureClass.WRONG_RESULT) {
                FailureClass f = m.outcome().failure();
                checkBeforeNext = f == FailureClass.TIMEOUT || f == FailureClass.INFRASTRUCTURE;
                return; // the board is deterministic: further repetitions would fail alike
            }
        }
    }

    private Measurement repetition(Benchmark b, String tier, Mode mode, int rep, RunSettings s) {
        Object expected = b.expect().get(tier);
        ExecResult r;
        HarnessFrame.FrameScan scan;
        int attempt = 0;
        long began = 0;
        do {
            attempt++;
            String nonce = HarnessFrame.freshNonce(); // a fresh one per try: a late frame of an earlier try is not ours
            String src = "import bh," + b.name() + "\nbh.rep(" + b.name() + ",'" + tier + "'," + rep + ",'"
                    + mode.name().toLowerCase() + "','" + nonce + "')";
            try {
                began = power == null ? 0 : power.begin();
                r = board.exec(src, Deadline.in(s.benchmarkTimeout()));
            } catch (ReplFailure f) {
                if (power != null) {
                    power.abort();
                }
                return s.failure(id(), b, tier, mode, rep, Outcome.failed(f.failureClass(), f.getMessage()));
            } catch (LinkLost lost) {
                if (power != null) {
                    power.abort();
                }
                return s.failure(id(), b, tier, mode, rep, Outcome.failed(FailureClass.INFRASTRUCTURE, lost.getMessage()));
            }
            scan = HarnessFrame.scan(r.stdout(), nonce);
        } while (attempt < CALL_ATTEMPTS && callDamaged(r, scan, expected, b.name(), rep, mode));
        var frame = scan.frame();
        Energy energy = null;
        if (power != null) {
            Long ticks = frame.isPresent() ? frame.get().number("t_ns") : null;
            energy = power.end(began, ticks);
        }
        if (frame.isEmpty()) {
            Outcome o = scan.damaged() > 0
                    ? Outcome.failed(FailureClass.INFRASTRUCTURE, "the result line arrived damaged " + attempt + " times")
                    : r.error().map(e -> Outcome.failed(e.failureClass(), e.text()))
                            .orElse(Outcome.failed(FailureClass.CONTROLLER, "no result line in: " + r.stdout()));
            return s.failure(id(), b, tier, mode, rep, o);
        }
        HarnessFrame f = frame.get();
        HarnessFrame.Decision d = f.decide(expected);
        Outcome o = d.boardAgrees() ? d.outcome() : Outcome.failed(FailureClass.INFRASTRUCTURE,
                "the board's self-check contradicts the result it sent " + attempt + " times: " + d.outcome().detail());
        return new Measurement(s.measurementId(id(), b.name(), mode, rep), s.runId(), id(), b.name(), tier, rep, mode,
                f.number("t_ns"), r.elapsed().toNanos(), f.heap(), f.get("check"), o, Instant.now(), energy);
    }

    /**
     * The tiny exec that makes the harness raise the board's marker pin around each repetition
     * (bh.K, called with 1 right before and 0 right after the timed call). A bound method, so the
     * calls allocate nothing on a 10 KB heap. Soft resets forget it: sent after each one.
     */
    static String markerHook(BoardConfig c) {
        int pin = c.markerPin();
        if ("microbit".equals(c.model())) {
            return "import bh,microbit\nbh.K=microbit.pin" + pin + ".write_digital\nbh.K(0)";
        }
        return "import bh,machine\nbh.K=machine.Pin(" + pin + ",machine.Pin.OUT).value\nbh.K(0)";
    }

    /**
     * Our own call or its result arrived damaged: a result line failed its checksum, the board's
     * verdict contradicts the controller's, the call failed to compile or to name its modules, or
     * a dropped digit made it run another repetition than the one asked for.
     */
    private static boolean callDamaged(ExecResult r, HarnessFrame.FrameScan scan, Object expected, String bench,
                                       int rep, Mode mode) {
        if (scan.frame().isPresent()) {
            HarnessFrame f = scan.frame().get();
            return !(f.get("bench").equals(bench) && f.get("rep").equals(Integer.toString(rep))
                    && f.get("mode").equals(mode.name().toLowerCase())) || !f.decide(expected).boardAgrees();
        }
        return scan.damaged() > 0
                || r.error().map(e -> e.type().equals("SyntaxError") || e.type().equals("NameError")).orElse(false);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
