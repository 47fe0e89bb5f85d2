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
import org.benchrig.board.ExecResult;
import org.benchrig.board.LinkLost;
import org.benchrig.board.ReplFailure;
import org.benchrig.config.BoardConfig;
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
    public TargetInfo prepare() {
        board = rig.board(config.id());
        BoardInfo info = board.info(Deadline.in(SETUP_WAIT));
        String fwHash = config.firmware() == null ? null : Hashes.sha256(config.firmware());
        String details = "model=" + config.model() + ";kind=" + config.kind().name().toLowerCase() + ";heap_total="
                + info.heapTotal() + ";heap_free=" + info.heapFree() + ";fs_used=" + info.fsUsed() + ";fs_free=" + info.fsFree()
                + ";link=" + board.linkName() + ";instruments="
                + rig.config().platform().name().toLowerCase();
        return new TargetInfo(config.id(), "board", info.implementation(), info.version(), board.linkName(), fwHash,
                info.version(), info.machine(), details);
    }

    @Override
    public void run(Benchmark b, RunSettings s, Consumer<Measurement> sink) {
        String tier = b.hasTier(config.tier()) ? config.tier() : "s";
        try {
            Deadline setup = Deadline.in(SETUP_WAIT);
            board.softReset(setup);
            board.ensureFile(HARNESS_NAME, read(harness), setup);
            String module = b.name() + ".py";
            if (lastModule != null && !lastModule.equals(module)) {
                // the flash holds ~15 KB: keep only the harness and the benchmark at hand
                board.exec("import os\ntry:\n os.remove('" + lastModule + "')\nexcept OSError:\n pass", setup);
            }
            board.ensureFile(module, read(b.file()), setup);
            lastModule = module;
            board.softReset(setup); // the upload helpers used heap; start the benchmark on a fresh one
        } catch (ReplFailure | LinkLost | BoardRaised e) {
            sink.accept(s.failure(id(), b, tier, Mode.COLD, 0,
                    Outcome.failed(FailureClass.INFRASTRUCTURE, "setting up " + b.name() + ": " + e.getMessage())));
            return;
        }
        for (int rep = 0; rep < s.repetitions(); rep++) {
            Mode mode = rep == 0 ? Mode.COLD : Mode.WARM;
            Measurement m = repetition(b, tier, mode, rep, s);
            sink.accept(m);
            if (!m.outcome().isOk() && m.outcome().failure() != FailureClass.WRONG_RESULT) {
                return; // the board is deterministic: further repetitions would fail alike
            }
        }
    }

    private Measurement repetition(Benchmark b, String tier, Mode mode, int rep, RunSettings s) {
        String src = "import bh," + b.name() + "\nbh.rep(" + b.name() + ",'" + tier + "'," + rep + ",'"
                + mode.name().toLowerCase() + "')";
        ExecResult r;
        int attempt = 0;
        do {
            attempt++;
            try {
                r = board.exec(src, Deadline.in(s.benchmarkTimeout()));
            } catch (ReplFailure f) {
                return s.failure(id(), b, tier, mode, rep, Outcome.failed(f.failureClass(), f.getMessage()));
            } catch (LinkLost lost) {
                return s.failure(id(), b, tier, mode, rep, Outcome.failed(FailureClass.INFRASTRUCTURE, lost.getMessage()));
            }
        } while (attempt < CALL_ATTEMPTS && callDamaged(r, b.name(), rep, mode));
        var frame = HarnessFrame.find(r.stdout());
        if (frame.isEmpty()) {
            Outcome o = r.error().map(e -> Outcome.failed(e.failureClass(), e.text()))
                    .orElse(Outcome.failed(FailureClass.CONTROLLER, "no result line in: " + r.stdout()));
            return s.failure(id(), b, tier, mode, rep, o);
        }
        HarnessFrame f = frame.get();
        return new Measurement(s.measurementId(id(), b.name(), mode, rep), s.runId(), id(), b.name(), tier, rep, mode,
                f.number("t_ns"), r.elapsed().toNanos(), f.heap(), f.get("check"), f.outcome(), Instant.now());
    }

    /**
     * Our own call arrived damaged: it failed to compile or to name its modules, or a dropped digit
     * made it run another repetition than the one asked for.
     */
    private static boolean callDamaged(ExecResult r, String bench, int rep, Mode mode) {
        var frame = HarnessFrame.find(r.stdout());
        if (frame.isPresent()) {
            HarnessFrame f = frame.get();
            return !(f.get("bench").equals(bench) && f.get("rep").equals(Integer.toString(rep))
                    && f.get("mode").equals(mode.name().toLowerCase()));
        }
        return r.error().map(e -> e.type().equals("SyntaxError") || e.type().equals("NameError")).orElse(false);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
