package org.benchrig.selfbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.benchrig.bench.RunListener;
import org.benchrig.bench.RunRequest;
import org.benchrig.bench.RunService;
import org.benchrig.board.Board;
import org.benchrig.board.FramedExec;
import org.benchrig.board.ReplFailure;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Measurement;
import org.benchrig.time.Deadline;

/**
 * {@code selfbench faults}: exec calls and suite runs on a serial board behind the fault injector,
 * per fault setting: how many results were right, how many wrong ones were accepted (goal 0), how
 * many failed with a class, and whether the board was back in service afterwards; plus the cost of
 * integrity (a harness call with its nonce and checksum vs the same call without the checksum).
 */
public final class FaultBench {
    /** On-board times repeat within 0.15 % at icount shift=6: a stored value farther off than this is wrong. */
    static final double TIME_TOLERANCE = 0.05;
    /** One exec call under faults, resends and recoveries included. */
    static final Duration CALL_WAIT = Duration.ofSeconds(40);

    /** One fault setting: per-byte rates, and a stall or unplug injected once per exec batch and per run. */
    public record Setting(String name, FaultProxy.Rates rates, Duration stall, Duration unplug) {
        static Setting rates(String name, FaultProxy.Rates r) {
            return new Setting(name, r, Duration.ZERO, Duration.ZERO);
        }
    }

    public static final List<Setting> SETTINGS = List.of(
            Setting.rates("none", FaultProxy.Rates.NONE),
            Setting.rates("0.1 % bytes dropped", new FaultProxy.Rates(0.001, 0, 0, 0)),
            Setting.rates("1 % bytes dropped", new FaultProxy.Rates(0.01, 0, 0, 0)),
            Setting.rates("0.1 % bits flipped", new FaultProxy.Rates(0, 0, 0.001, 0)),
            Setting.rates("garbage bursts (0.05 % per byte)", new FaultProxy.Rates(0, 0, 0, 0.0005)),
            new Setting("10 s stall", FaultProxy.Rates.NONE, Duration.ofSeconds(10), Duration.ZERO),
            new Setting("3 s unplug", FaultProxy.Rates.NONE, Duration.ZERO, Duration.ofSeconds(3)));

    /** What one setting gave. */
    public record Row(String setting, int calls, int callsRight, int callsWrongAccepted, int callsFailed,
                      int callResends, int runs, int measurements, int measuredOk, int wrongStored, int failedClassified,
                      int failedOtherClass, boolean backInService, String injected) {
    }

    /** Median harness-call round trip with and without the frame's checksum, in ms. */
    public record Cost(double withCheck, double withoutCheck, int calls) {
        public double ratio() {
            return withCheck / withoutCheck;
        }
    }

    private final RunService service;
    private final Board board;
    private final String boardId;
    private final FaultProxy proxy;
    private final PrintWriter progress;
    private final Map<String, Long> cleanTimes = new HashMap<>();

    /** {@code service} should store into a scratch database: these runs are not lab results. */
    public FaultBench(RunService service, String boardId, FaultProxy proxy, PrintWriter progress) {
        this.service = service;
        this.boardId = boardId;
        this.board = service.rig().board(boardId);
        this.proxy = proxy;
        this.progress = progress;
    }

    public List<Row> run(List<Setting> settings, int calls, int runs, String suite) {
        proxy.rates(FaultProxy.Rates.NONE);
        for (Measurement m : suite(suite, null)) { // the reference values, on a clean line
            if (!m.outcome().isOk()) {
                throw new IllegalStateException("the clean reference run failed: " + m.benchmark() + " " + m.outcome());
            }
            cleanTimes.put(m.benchmark() + "/" + m.mode(), m.timeNs());
        }
        List<Row> rows = new ArrayList<>();
        for (Setting s : settings) {
            JsonNode before = proxy.stats();
            proxy.rates(s.rates());
            int right = 0;
            int wrong = 0;
            int failed = 0;
            int resends = 0;
            for (int i = 0; i < calls; i++) {
                if (i == calls / 4) {
                    inject(s);
                }
                int x = 1000 + i * 37;
                String src = "x=" + x + "\nfor k in range(3):\n print('v', k, x*7+k)";
                String expected = "v 0 " + (x * 7) + "\nv 1 " + (x * 7 + 1) + "\nv 2 " + (x * 7 + 2) + "\n";
                try {
                    FramedExec.Checked c = board.execChecked(src, "<stdin>", 0, Deadline.in(CALL_WAIT));
                    resends += c.resends();
                    if (!c.verified()) {
                        failed++;
                    } else if (c.result().get().ok() && c.result().get().stdout().equals(expected)) {
                        right++;
                    } else {
                        wrong++;
                        progress.println("  WRONG ACCEPTED: " + c.result().get());
                    }
                } catch (ReplFailure f) {
                    failed++;
                }
            }
            int measurements = 0;
            int ok = 0;
            int wrongStored = 0;
            int classified = 0;
            int other = 0;
            for (int r = 0; r < runs; r++) {
                for (Measurement m : suite(suite, s)) {
                    measurements++;
                    if (m.outcome().isOk()) {
                        long clean = cleanTimes.get(m.benchmark() + "/" + m.mode());
                        if (m.timeNs() == null || Math.abs(m.timeNs() - clean) > clean * TIME_TOLERANCE) {
                            wrongStored++;
                        } else {
                            ok++;
                        }
                    } else if (m.outcome().failure() == FailureClass.INFRASTRUCTURE
                            || m.outcome().failure() == FailureClass.TIMEOUT) {
                        classified++;
                    } else {
                        other++; // the suite's benchmarks are right: another class here is a misclassified link fault
                        progress.println("  misclassified: " + m.benchmark() + " " + m.outcome());
                    }
                }
            }
            proxy.rates(FaultProxy.Rates.NONE);
            boolean back = backInService();
            Row row = new Row(s.name(), calls, right, wrong, failed, resends, runs, measurements, ok, wrongStored,
                    classified, other, back, injected(before, proxy.stats()));
            progress.println(row);
            progress.flush();
            rows.add(row);
        }
        return rows;
    }

    /**
     * The median harness-call round trip with the frame's checksum and with bh.ck made a constant,
     * call by call in turn (so host load falls on both alike).
     */
    public Cost cost(String benchmark, int calls) {
        proxy.rates(FaultProxy.Rates.NONE);
        service.runNow(service.plan(new RunRequest(benchmark, List.of(boardId), 1, "selfbench")), null); // files on board
        board.exec("import bh\nbh.C1=bh.ck\nbh.C0=lambda s:'00000000'", Deadline.in(CALL_WAIT));
        double[] with = new double[calls];
        double[] without = new double[calls];
        for (int i = 0; i < calls; i++) {
            board.exec("bh.ck=bh.C1", Deadline.in(CALL_WAIT));
            with[i] = call(benchmark, 2 * i + 1);
            board.exec("bh.ck=bh.C0", Deadline.in(CALL_WAIT));
            without[i] = call(benchmark, 2 * i + 2);
        }
        board.softReset(Deadline.in(CALL_WAIT)); // forget the stub
        Arrays.sort(with);
        Arrays.sort(without);
        return new Cost(with[calls / 2], without[calls / 2], calls);
    }

    private double call(String benchmark, int n) {
        String call = "import bh," + benchmark + "\nbh.rep(" + benchmark + ",'s'," + n + ",'warm','"
                + String.format("%08x", n) + "')";
        return board.exec(call, Deadline.in(CALL_WAIT)).elapsed().toNanos() / 1e6;
    }

    /** A stall or unplug, once, now. */
    private void inject(Setting s) {
        if (!s.stall().isZero()) {
            proxy.stall(s.stall());
        }
        if (!s.unplug().isZero()) {
            proxy.unplug(s.unplug());
        }
    }

    /** Runs the suite on the board; a stall or unplug of {@code s} is injected after its first measurement. */
    private List<Measurement> suite(String suite, Setting s) {
        List<Measurement> got = new ArrayList<>();
        AtomicBoolean injected = new AtomicBoolean(s == null);
        RunListener listener = new RunListener() {
            @Override
            public void measured(Measurement m) {
                synchronized (got) {
                    got.add(m);
                }
                if (!injected.getAndSet(true)) {
                    inject(s);
                }
            }
        };
        service.runNow(service.plan(new RunRequest(suite, List.of(boardId), null, "selfbench")), listener);
        return got;
    }

    /** The fault ended: the board answers and is not quarantined, without anyone releasing it. */
    private boolean backInService() {
        if (service.rig().quarantined(boardId)) {
            return false;
        }
        try {
            return board.execChecked("print(6*7)", "<stdin>", 0, Deadline.in(CALL_WAIT)).result()
                    .map(r -> r.stdout().equals("42\n")).orElse(false);
        } catch (ReplFailure f) {
            return false;
        }
    }

    private static String injected(JsonNode before, JsonNode after) {
        StringBuilder sb = new StringBuilder();
        for (String dir : List.of("to_board", "to_host")) {
            JsonNode a = after.get(dir);
            JsonNode b = before.get(dir);
            sb.append(dir.replace('_', ' ')).append(": ");
            List<String> parts = new ArrayList<>();
            for (String k : List.of("bytes", "dropped", "duplicated", "flipped", "garbage_bursts", "lost_unplugged")) {
                long n = a.get(k).asLong() - b.get(k).asLong();
                if (n > 0 || k.equals("bytes")) {
                    parts.add(n + " " + k.replace('_', ' '));
                }
            }
            sb.append(String.join(", ", parts)).append("; ");
        }
        sb.append(after.get("stalls").asInt() - before.get("stalls").asInt()).append(" stalls, ")
                .append(after.get("unplugs").asInt() - before.get("unplugs").asInt()).append(" unplugs");
        return sb.toString();
    }
}
