package org.benchrig.bench;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.board.BoardRaised;
import org.benchrig.board.ExecResult;
import org.benchrig.board.LinkLost;
import org.benchrig.board.ReplFailure;
import org.benchrig.config.BoardConfig;
import org.benchrig.instrument.BoardPower;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.store.TargetInfo;
import org.benchrig.time.Deadline;

/**
 * Runs benchmarks on a MicroPython board: soft reset for a fresh heap, the harness and the
 * benchmark module on the board's flash (verified, not re-sent when unchanged), then one small
 * exec per repetition that imports and calls them. The first repetition after the reset is cold.
 * Its parts: {@link BoardHealth} (checks before and between benchmarks), {@link BoardSetup} (what
 * the board holds), {@link BoardRepetition} (the tries of one repetition) and {@link HarnessCall}
 * (one try and what its answer is worth).
 */
public final class BoardTarget implements Target {
    /** Tries of a benchmark's setup (soft reset, verified uploads) before it is given up as INFRASTRUCTURE. */
    private static final int SETUP_ATTEMPTS = 2;

    private final Rig rig;
    private final BoardConfig config;
    private final Path harness;
    private Board board;
    private final BoardHealth health;
    private BoardSetup setup;
    private BoardRepetition repetitions;
    private BoardPower power;
    private String firmwareVersion;
    private Consumer<String> warnings = w -> { };

    private final PerfBench perfBench;
    private long heapTotal;
    /** What the firmware lacks of what perf_bench files may need (complex, native, viper), asked once. */
    private Set<String> lacks;

    public BoardTarget(Rig rig, BoardConfig config, Path harness) {
        this(rig, config, harness, null);
    }

    public BoardTarget(Rig rig, BoardConfig config, Path harness, PerfBench perfBench) {
        this.rig = rig;
        this.config = config;
        this.harness = harness;
        this.perfBench = perfBench;
        this.health = new BoardHealth(rig, config.id());
    }

    @Override
    public BoardConfig config() {
        return config;
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
        BoardInfo info = health.beforeRun().info();
        board = rig.board(config.id());
        try {
            power = rig.instruments().power(config, w -> warnings.accept(w));
        } catch (RuntimeException e) { // a sensor or GPIO that cannot be opened: measure without energy
            power = null;
            warnings.accept("no energy for " + config.id() + ": " + e.getMessage());
        }
        setup = new BoardSetup(board, config, harness, w -> warnings.accept(w));
        repetitions = new BoardRepetition(config.id(), board, setup, power);
        firmwareVersion = info.version();
        heapTotal = info.heapTotal();
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
        health.afterRun();
    }

    @Override
    public void run(Benchmark b, RunSettings s, Consumer<Measurement> sink) {
        String tier = b.tierFor(config.tier());
        if (b.perfBench()) {
            PerfBench.Size size = perfBenchSize();
            PerfBench.Choice c = perfBench.choose(b, size, lacks(b), "the firmware on " + id() + " ("
                    + firmwareName() + ") lacks", s.benchmarkTimeout());
            if (!c.runs()) {
                sink.accept(s.failure(id(), b, c.tier(), Mode.COLD, 0, c.skipped()));
                return;
            }
            b = c.benchmark();
            tier = c.tier();
        }
        Optional<Outcome> unfit = health.beforeBenchmark();
        if (unfit.isPresent()) {
            sink.accept(s.failure(id(), b, tier, Mode.COLD, 0, unfit.get()));
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                setup.setUp(b);
                break;
            } catch (ReplFailure | LinkLost | BoardRaised e) {
                if (attempt < SETUP_ATTEMPTS && HarnessCall.inService(board)) {
                    continue; // the board was brought back (reset, port reopened): set up again
                }
                sink.accept(s.failure(id(), b, tier, Mode.COLD, 0,
                        Outcome.failed(FailureClass.INFRASTRUCTURE, "setting up " + b.name() + ": " + e.getMessage())));
                health.ended(FailureClass.INFRASTRUCTURE);
                return;
            }
        }
        for (int rep = 0; rep < s.repetitions(); rep++) {
            Mode mode = rep == 0 ? Mode.COLD : Mode.WARM;
            Measurement m = repetitions.run(b, tier, mode, rep, s);
            sink.accept(m);
            if (!m.outcome().isOk() && m.outcome().failure() != FailureClass.WRONG_RESULT) {
                health.ended(m.outcome().failure());
                return; // the board is deterministic: further repetitions would fail alike
            }
        }
    }

    /** run-perfbench.py's N and M for this board: its model's clock, its heap in KB as measured. */
    PerfBench.Size perfBenchSize() {
        return new PerfBench.Size(org.benchrig.board.BoardModels.speedMhz(config.model()), (int) (heapTotal / 1024));
    }

    /**
     * What the firmware lacks of {@code b}'s needs, asked the first time a file needs it: complex
     * numbers, and code that uses the native and viper emitters (a firmware without them raises).
     */
    private Set<String> lacks(Benchmark b) {
        if (lacks == null) {
            lacks = new HashSet<>();
        }
        for (String need : b.needs()) {
            if (lacks.contains(need) || lacks.contains("has:" + need)) {
                continue;
            }
            String probe = switch (need) {
                case "complex" -> "print('has:%d' % (complex(1, 1).imag == 1))";
                case "native" -> "@micropython.native\ndef f(x):\n return x + 1\nprint('has:%d' % (f(1) == 2))";
                case "viper" -> "@micropython.viper\ndef f(x: int) -> int:\n return x + 1\nprint('has:%d' % (f(1) == 2))";
                default -> "print('has:0')";
            };
            boolean has;
            try {
                ExecResult r = board.execOwn("import micropython\n" + probe, Deadline.in(BoardSetup.SETUP_WAIT));
                has = r.ok() && r.stdout().contains("has:1");
            } catch (ReplFailure | LinkLost | BoardRaised e) {
                continue;   // not known: the file runs and fails as what it is, asked again next time
            }
            lacks.add(has ? "has:" + need : need);
        }
        return lacks;
    }

    /**
     * The concurrency workloads need threads: asks the firmware whether it has {@code _thread}.
     * Board-side workloads do not exist yet, so a board that has it says so instead of a number.
     */
    @Override
    public void concurrency(long runId, Consumer<ScalingPoint> sink) {
        FailureClass failure = FailureClass.NOT_SUPPORTED;
        String why;
        try {
            String out = board.execOwn("try:\n import _thread\n print('thread:yes')\nexcept ImportError:\n print('thread:no')",
                    Deadline.in(BoardSetup.SETUP_WAIT)).stdoutOrThrow();
            if (out.contains("thread:no")) {
                why = "not supported on this firmware: no _thread module (" + firmwareName() + ")";
            } else if (out.contains("thread:yes")) {
                why = "not measured: the firmware has _thread, but board-side concurrency workloads are not written yet";
            } else {
                failure = FailureClass.INFRASTRUCTURE;
                why = "could not tell whether the firmware has _thread; it printed: " + out.strip();
            }
        } catch (ReplFailure | LinkLost | BoardRaised e) {
            failure = FailureClass.INFRASTRUCTURE;
            why = "could not ask the board whether it has _thread: " + e.getMessage();
        }
        for (ScalingPoint.Workload w : ScalingPoint.Workload.values()) {
            sink.accept(ScalingPoint.notRun(runId, id(), w.key(), failure, why));
        }
    }

    private String firmwareName() {
        return config.model() + (firmwareVersion == null ? "" : ", MicroPython " + firmwareVersion);
    }
}
