package org.benchrig.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.benchrig.board.Board;
import org.benchrig.board.BoardError;
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
import org.benchrig.result.ScalingPoint;
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
    /** Tries of one repetition over a faulty link (damaged call, damaged or missing frame, lost link recovered). */
    private static final int CALL_ATTEMPTS = 5;
    /** Tries of a benchmark's setup (soft reset, verified uploads) before it is given up as INFRASTRUCTURE. */
    private static final int SETUP_ATTEMPTS = 2;
    /** Health checks at the start of a run when the link damages the answers (the board itself answers). */
    private static final int PREPARE_CHECKS = 3;

    private final Rig rig;
    private final BoardConfig config;
    private final Path harness;
    private Board board;
    private String lastModule;
    private boolean checkBeforeNext;
    private final HealthCheck healthCheck = new HealthCheck(HealthCheck.DEFAULT_MIN_FREE_HEAP, java.util.Optional.empty());
    private BoardPower power;
    private String firmwareVersion;
    private Consumer<String> warnings = w -> { };

    private final PerfBench perfBench;
    private long heapTotal;
    /** What the firmware lacks of what perf_bench files may need (complex, native, viper), asked once. */
    private java.util.Set<String> lacks;

    public BoardTarget(Rig rig, BoardConfig config, Path harness) {
        this(rig, config, harness, null);
    }

    public BoardTarget(Rig rig, BoardConfig config, Path harness, PerfBench perfBench) {
        this.rig = rig;
        this.config = config;
        this.harness = harness;
        this.perfBench = perfBench;
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
        for (int attempt = 1; !health.healthy() && health.linkDamaged() && attempt < PREPARE_CHECKS; attempt++) {
            health = rig.ensureHealthy(config.id(), healthCheck); // a noisy line: the answers may get through yet
        }
        if (!health.healthy()) {
            throw new IllegalStateException(health.linkDamaged()
                    ? "not checked healthy over a link that damages its answers (not quarantined): " + health.reason()
                    : "failed its health check twice, quarantined: " + health.reason());
        }
        board = rig.board(config.id());
        try {
            power = rig.instruments().power(config, w -> warnings.accept(w));
        } catch (RuntimeException e) { // a sensor or GPIO that cannot be opened: measure without energy
            power = null;
            warnings.accept("no energy for " + config.id() + ": " + e.getMessage());
        }
        BoardInfo info = health.info();
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
        if (checkBeforeNext) {
            checkBeforeNext = false;
            rig.ensureHealthy(config.id(), healthCheck);
        }
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
        if (checkBeforeNext) { // the last benchmark ended in a timeout or a lost link: is the board still fit?
            checkBeforeNext = false;
            HealthCheck.Report health = rig.ensureHealthy(config.id(), healthCheck);
            if (!health.healthy()) {
                checkBeforeNext = health.linkDamaged(); // not quarantined: look again before the next benchmark
                sink.accept(s.failure(id(), b, tier, Mode.COLD, 0, Outcome.failed(FailureClass.INFRASTRUCTURE,
                        (health.linkDamaged() ? "not measured: " : "board quarantined: ") + health.reason())));
                return;
            }
        }
        if (rig.quarantined(config.id())) {
            sink.accept(s.failure(id(), b, tier, Mode.COLD, 0, Outcome.failed(FailureClass.INFRASTRUCTURE,
                    "board quarantined: " + rig.record(config.id()).map(r -> r.reason()).orElse(""))));
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                setUp(b);
                break;
            } catch (ReplFailure | LinkLost | BoardRaised e) {
                if (attempt < SETUP_ATTEMPTS && inService()) {
                    continue; // the board was brought back (reset, port reopened): set up again
                }
                sink.accept(s.failure(id(), b, tier, Mode.COLD, 0,
                        Outcome.failed(FailureClass.INFRASTRUCTURE, "setting up " + b.name() + ": " + e.getMessage())));
                checkBeforeNext = true;
                return;
            }
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

    /** run-perfbench.py's N and M for this board: its model's clock, its heap in KB as measured. */
    PerfBench.Size perfBenchSize() {
        return new PerfBench.Size(org.benchrig.board.BoardModels.speedMhz(config.model()), (int) (heapTotal / 1024));
    }

    /**
     * What the firmware lacks of {@code b}'s needs, asked the first time a file needs it: complex
     * numbers, and code that uses the native and viper emitters (a firmware without them raises).
     */
    private java.util.Set<String> lacks(Benchmark b) {
        if (lacks == null) {
            lacks = new java.util.HashSet<>();
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
                ExecResult r = board.execOwn("import micropython\n" + probe, Deadline.in(SETUP_WAIT));
                has = r.ok() && r.stdout().contains("has:1");
            } catch (ReplFailure | LinkLost | BoardRaised e) {
                continue;   // not known: the file runs and fails as what it is, asked again next time
            }
            lacks.add(has ? "has:" + need : need);
        }
        return lacks;
    }

    /** Fresh heap, the harness and the benchmark module on the flash (verified), the marker hook. */
    private void setUp(Benchmark b) {
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
    }

    /**
     * One repetition. Only a frame with this try's nonce, a valid checksum, the fields asked for and
     * a board verdict that agrees with the controller's counts; anything else is a link fault and
     * the repetition is run again (it is idempotent). An exception from the call is first taken
     * for damage: the arguments are first sent to {@code bh.vc}, which checks them on the board, and
     * when they arrive intact the call is sent again (as a plain call, so the benchmark has the same
     * stack depth); only an exception that then repeats with a frame inside the harness or the
     * benchmark's module is the benchmark's.
     */
    private Measurement repetition(Benchmark b, String tier, Mode mode, int rep, RunSettings s) {
        Object expected = b.expect().get(tier);
        String m = mode.name().toLowerCase();
        boolean checked = false;
        String problem = "";
        for (int attempt = 1; attempt <= CALL_ATTEMPTS; attempt++) {
            String nonce = HarnessFrame.freshNonce(); // a fresh one per try: a late frame of an earlier try is not ours
            String src = "import bh," + b.name() + "\nbh.rep(" + b.name() + ",'" + tier + "'," + rep + ",'" + m + "','"
                    + nonce + "')";
            if (checked) { // the last try raised outside the benchmark: are the arguments reaching the board intact?
                String vc = "import bh\nbh.vc('" + b.name() + "','" + tier + "'," + rep + ",'" + m + "','" + nonce + "','"
                        + HarnessFrame.checksum(b.name() + "|" + tier + "|" + rep + "|" + m + "|" + nonce) + "')";
                try {
                    ExecResult v = board.exec(vc, Deadline.in(SETUP_WAIT));
                    if (!v.ok() || !v.stdout().isBlank()) {
                        problem = "the checked call arrived damaged";
                        continue;
                    }
                } catch (ReplFailure | LinkLost f) {
                    problem = f.getMessage();
                    continue;
                }
            }
            long began = power == null ? 0 : power.begin();
            ExecResult r;
            try {
                r = board.exec(src, Deadline.in(s.benchmarkTimeout()));
            } catch (ReplFailure | LinkLost f) {
                if (power != null) {
                    power.abort();
                }
                FailureClass fc = f instanceof ReplFailure rf ? rf.failureClass() : FailureClass.INFRASTRUCTURE;
                if (fc != FailureClass.INFRASTRUCTURE || !inService()) {
                    return s.failure(id(), b, tier, mode, rep, Outcome.failed(fc, f.getMessage()));
                }
                problem = f.getMessage(); // the board is back (port reopened, reset): run the repetition again
                restoreAfterRecovery();
                continue;
            }
            HarnessFrame.FrameScan scan = HarnessFrame.scan(r.stdout(), nonce);
            Optional<HarnessFrame> frame = scan.frame();
            if (frame.isEmpty()) {
                if (power != null) {
                    power.abort();
                }
                if (r.error().isPresent() && checked && raisedInCheckedCall(r.error().get(), b.name())) {
                    BoardError e = r.error().get(); // repeated on a verified call: the benchmark's own
                    return s.failure(id(), b, tier, mode, rep, Outcome.failed(e.failureClass(), e.text()));
                }
                if (r.error().isPresent()) {
                    problem = "the call raised " + r.error().get().type() + (checked ? " outside the benchmark" : "");
                    checked = true;
                } else {
                    problem = scan.damaged() > 0 ? "the result line arrived damaged" : "no result line arrived";
                }
                continue;
            }
            HarnessFrame f = frame.get();
            if (f.get("damaged").equals("1")) {
                problem = "the board found the call damaged";
                if (power != null) {
                    power.abort();
                }
                continue;
            }
            if (!(f.get("bench").equals(b.name()) && f.get("tier").equals(tier)
                    && f.get("rep").equals(Integer.toString(rep)) && f.get("mode").equals(m))) {
                problem = "the result line answers another call (" + f.get("bench") + " rep " + f.get("rep") + ")";
                checked = true; // a changed digit in the call still ran: send it checked
                if (power != null) {
                    power.abort();
                }
                continue;
            }
            HarnessFrame.Decision d = f.decide(expected);
            if (!d.boardAgrees()) {
                problem = "the board's self-check contradicts the result it sent (" + d.outcome().detail() + ")";
                if (power != null) {
                    power.abort();
                }
                continue;
            }
            Energy energy = power == null ? null : power.end(began, f.number("t_ns"));
            return new Measurement(s.measurementId(id(), b.name(), mode, rep), s.runId(), id(), b.name(), tier, rep,
                    mode, f.number("t_ns"), r.elapsed().toNanos(), f.heap(), f.get("check"), d.outcome(), Instant.now(),
                    energy).withLatency(f.latency());
        }
        return s.failure(id(), b, tier, mode, rep, Outcome.failed(FailureClass.INFRASTRUCTURE,
                "no trustworthy result in " + CALL_ATTEMPTS + " tries over a faulty link; last: " + problem));
    }

    /**
     * An exception that the benchmark raised: it has a frame in the harness or in the benchmark's
     * module (an import error inside it, a missing tier). One raised by the call's own lines (a
     * damaged name) has frames of {@code <stdin>} only.
     */
    static boolean raisedInCheckedCall(BoardError e, String bench) {
        return e.traceback().stream().anyMatch(l -> l.contains("File \"" + HARNESS_NAME + "\"")
                || l.contains("File \"" + bench + ".py\""));
    }

    /** The board answered again after a fault: its last recovery worked and nobody quarantined it. */
    private boolean inService() {
        return board.state() != BoardState.RECOVERING && board.state() != BoardState.QUARANTINED;
    }

    /** A reset forgets the marker hook; a reopened port needs nothing more. */
    private void restoreAfterRecovery() {
        if (config.markerPin() != null) {
            try {
                board.execOwn(markerHook(config), Deadline.in(SETUP_WAIT)).stdoutOrThrow();
            } catch (ReplFailure | LinkLost | BoardRaised e) {
                warnings.accept("marker hook not restored on " + id() + ": " + e.getMessage());
            }
        }
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
                    Deadline.in(SETUP_WAIT)).stdoutOrThrow();
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

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
