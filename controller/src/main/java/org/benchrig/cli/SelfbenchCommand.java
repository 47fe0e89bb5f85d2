package org.benchrig.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.config.WebConfig;
import org.benchrig.selfbench.WebBench;
import org.benchrig.web.WebServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.DocSection;
import org.benchrig.selfbench.LinkBench;
import org.benchrig.selfbench.ParallelBench;
import org.benchrig.selfbench.RealStockTool;
import org.benchrig.selfbench.RealToolBench;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.RunService;
import org.benchrig.store.Store;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig selfbench KIND}: benchmarks of the controller itself (not timed tests). */
@Command(name = "selfbench", description = "Benchmark the controller itself; results can go to docs/performance.md.",
        subcommands = {SelfbenchCommand.Link.class, SelfbenchCommand.Parallel.class, SelfbenchCommand.Mqtt.class,
                SelfbenchCommand.Web.class, SelfbenchCommand.Profile.class, SelfbenchCommand.Hosts.class,
                SelfbenchFaults.class, SelfbenchCommand.Cli.class})
public final class SelfbenchCommand implements Runnable {
    @ParentCommand
    BenchrigCommand parent;

    /** The text docs/performance.md starts with when it does not exist yet. */
    static final String PERFORMANCE_INTRO = String.join("\n",
            "# benchrig performance",
            "",
            "Measurements of the controller itself (`./benchrig selfbench KIND`). The machine they run on is",
            "noisy: two CPU cores shared with other work. So every figure is a median (with its N) and every",
            "comparison is a ratio of two figures measured side by side in the same run, interleaved, never",
            "against a number from another day. Each `selfbench` kind keeps its own section below and",
            "replaces only that section when it is run with `--write-docs`.",
            "");

    /** Replaces the {@code ## selfbench KIND} section of docs/performance.md with {@code body}. */
    static void writeSection(Env env, String kind, String body, PrintWriter err) throws java.io.IOException {
        Path doc = env.home().resolve("docs").resolve("performance.md");
        Files.createDirectories(doc.getParent());
        String old = Files.isRegularFile(doc) ? Files.readString(doc) : "";
        Files.writeString(doc, DocSection.replace(old, PERFORMANCE_INTRO, "## selfbench " + kind, body));
        err.println("selfbench " + kind + ": wrote the '## selfbench " + kind + "' section of " + doc);
        err.flush();
    }

    /** "Measured DATE, WHERE. Reproduce with:" and the command in a code block. */
    static String measured(String where, String command) {
        return "Measured " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + ", " + where + ". Reproduce with:\n\n```\n" + command + " --write-docs\n```\n\n";
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "a selfbench kind is required: link, parallel, mqtt, web, profile, hosts, faults, cli");
    }

    @Command(name = "link", description = "benchrig's raw-REPL link vs the stock way of MicroPython's host tools "
            + "(pyboard.py/mpremote): round trip, upload, corrupted transfers, repetition cost.")
    static final class Link implements Callable<Integer> {
        @ParentCommand
        SelfbenchCommand parent;
        @Mixin
        ConfigOption config;
        @Option(names = "--board", paramLabel = "ID", description = "board to measure (default: the rig's first board)")
        String boardId;
        @Option(names = "--runs", defaultValue = "200",
                description = "(c) transfers of the self-checking script, benchrig's way (default: ${DEFAULT-VALUE})")
        int runs;
        @Option(names = "--stock-runs", paramLabel = "N", description = "(c) the same the stock way (default: --runs)")
        Integer stockRuns;
        @Option(names = "--rtt-runs", defaultValue = "50", description = "(a) round trips per way (default: ${DEFAULT-VALUE})")
        int rttRuns;
        @Option(names = "--upload-runs", defaultValue = "5", description = "(b) uploads per way (default: ${DEFAULT-VALUE})")
        int uploadRuns;
        @Option(names = "--rep-runs", defaultValue = "20", description = "(d) repetitions per way (default: ${DEFAULT-VALUE})")
        int repRuns;
        @Option(names = "--verified-runs", defaultValue = "50", description = "(c) the same script by verified "
                + "upload + soft reset + import; 0 skips it (default: ${DEFAULT-VALUE})")
        int verifiedRuns;
        @Option(names = "--benchmark", defaultValue = "sieve",
                description = "(d) benchmark from firmware-scripts/benchmarks (default: ${DEFAULT-VALUE})")
        String benchmark;
        @Option(names = "--stock-tool", paramLabel = "PATH", description = "also run the real pyboard.py or mpremote at "
                + "PATH (pyboard.py needs pyserial: Debian's python3-serial) for (c), on a second emulated board")
        Path stockTool;
        @Option(names = "--stock-tool-runs", defaultValue = "50",
                description = "(c) runs each way with --stock-tool (default: ${DEFAULT-VALUE})")
        int stockToolRuns;
        @Option(names = "--write-docs", description = "also replace the '## selfbench link' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        /** The stock column's header: what it is, so an imitation is never read as the tools' own numbers. */
        static final String STOCK_HEADER = "stock: IMITATION of pyboard.py/mpremote (StockTransfer) unless the row says REAL";

        /** What the rows mean; part of the generated section so it never drifts from the code. */
        static final String HOW = String.join("\n",
                "How it is measured (`org.benchrig.selfbench.LinkBench`): one emulated board, one open link, benchrig's",
                "way and the stock way interleaved run by run. **benchrig** = `Board.exec` (raw REPL, the board's",
                "`pacing:` chunks and gaps, default 32 B / 5 ms; for (c) `Board.execChecked`, the way of `benchrig exec`:",
                "the source checked on the board before it runs, over 256 B put on the flash by verified upload and imported) and `VerifiedUpload` (128-byte pieces each checked",
                "with Adler-32 on the board, whole file re-checked). **stock** = `StockTransfer`, what pyboard.py and",
                "mpremote do: the source in 256-byte chunks, a 10 ms pause after each chunk (the last one too), Ctrl-D,",
                "no verification; uploads are `f=open(..,'wb')`, `w(<repr of 256 bytes>)` per chunk, `f.close()`, and",
                "the file is then read back on the board (length + Adler-32) to count silently corrupted files. (c)",
                "uses a self-checking script: a literal of pseudo-random bytes whose length and Adler-32 the board",
                "prints; any other output, an exception or no answer counts as a corrupted transfer. Times are host",
                "wall-clock times (the board's `ticks_us` run on QEMU's virtual `-icount` clock). A stock exec that",
                "leaves the board without its prompt is followed by Ctrl-C/Ctrl-B/Ctrl-A, or a hard reset if that",
                "fails; both are counted. Throughput includes opening, closing and (benchrig) the final check.",
                "With `--stock-tool PATH` (`org.benchrig.selfbench.RealToolBench`) the (c) transfers run once more:",
                "benchrig's way on the board, and the REAL pyboard.py (`--device PORT script.py`, run by Debian's",
                "python3 with python3-serial) or mpremote (`connect PORT run script.py`) on a second emulated board",
                "with the same firmware (a pty opens once at a time), run by run in turn; each tool run is a process",
                "with a 30 s deadline, so its time includes start-up, opening the port and its soft reset.",
                "");

        static final int MODULE_BYTES = 8192;
        static final int SCRIPT_BYTES = 1200;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            RigConfig cfg = config.load(env);
            if (runs < 1 || rttRuns < 1 || uploadRuns < 1 || repRuns < 1 || (stockRuns != null && stockRuns < 0)) {
                throw new IllegalArgumentException("run counts must be at least 1");
            }
            if (!benchmark.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("--benchmark must be a module name: " + benchmark);
            }
            Path benchFile = env.scriptsDir().resolve("benchmarks").resolve(benchmark + ".py");
            if (!Files.isRegularFile(benchFile)) {
                throw new IllegalArgumentException("no benchmark " + benchFile);
            }
            String id = boardId != null ? boardId : cfg.boards().stream().map(BoardConfig::id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the rig " + cfg.source() + " has no boards"));
            int stock = stockRuns != null ? stockRuns : runs;
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RealStockTool tool = stockTool == null ? null : new RealStockTool(stockTool);
            if (tool != null && stockToolRuns < 1) {
                throw new IllegalArgumentException("--stock-tool-runs must be at least 1");
            }
            try (Rig rig = Rig.open(cfg)) {
                Board board = rig.board(id);
                BoardInfo info = board.info(Deadline.in(Duration.ofSeconds(15)));
                BoardConfig bc = board.config();
                if (tool != null && bc.kind() != org.benchrig.config.BoardKind.EMULATED) {
                    throw new IllegalArgumentException("--stock-tool needs an emulated board (the tool runs on a second one "
                            + "with the same firmware); board " + id + " is " + bc.kind().name().toLowerCase());
                }
                String loadBefore = loadAverage();
                LinkBench.Report report = new LinkBench(board, err).run(
                        new LinkBench.Settings(rttRuns, uploadRuns, MODULE_BYTES, runs, stock, SCRIPT_BYTES, repRuns, verifiedRuns),
                        new LinkBench.Benchmark(benchmark, Files.readString(benchFile), bc.tier()));
                String loadMid = loadAverage();
                List<LinkBench.Row> rows = new java.util.ArrayList<>(report.rows());
                List<String> notes = new java.util.ArrayList<>(report.notes());
                notes.add("Rows without REAL compare with benchrig's imitation of pyboard.py/mpremote (`StockTransfer`), not the "
                        + "tools themselves; its losses grow with host load: it ran under a load average (1 min) of "
                        + loadBefore + " at the start and " + loadMid + " at the end, on "
                        + Runtime.getRuntime().availableProcessors() + " CPUs."
                        + (tool == null ? " The real tools were not run: give --stock-tool PATH to run them side by side." : ""));
                if (tool != null) {
                    Path scratch = Files.createTempDirectory("benchrig-stock-tool");
                    try (org.benchrig.board.Emulator second = org.benchrig.board.Emulator.start(id + "-stock",
                            bc.firmware(), Rig.runtimeDir(cfg), Deadline.in(Duration.ofSeconds(20)))) {
                        String before = loadAverage();
                        rows.add(RealToolBench.transfers(board, second, tool, stockToolRuns, SCRIPT_BYTES, scratch, err));
                        notes.add("The REAL row ran " + tool.path() + " under a load average of " + before + " at its start and "
                                + loadAverage() + " at its end.");
                    }
                }
                report = new LinkBench.Report(rows, notes);
                String where = String.format("board %s (%s, %s, MicroPython %s on %s), pacing %d B / %d ms; "
                                + "host load average (1 min) %s at the start, %s at the end, %d CPUs",
                        id, bc.kind().name().toLowerCase(), bc.model(), info.version(), info.machine(),
                        bc.pacing().chunkBytes(), bc.pacing().gapMs(), loadBefore, loadAverage(),
                        Runtime.getRuntime().availableProcessors());
                String command = "./benchrig selfbench link --board " + id + " --runs " + runs + " --stock-runs " + stock
                        + " --verified-runs " + verifiedRuns + " --rtt-runs " + rttRuns + " --upload-runs " + uploadRuns + " --rep-runs " + repRuns
                        + " --benchmark " + benchmark + (tool == null ? "" : " --stock-tool " + tool.path()
                        + " --stock-tool-runs " + stockToolRuns) + (cfg.source() != null && !cfg.source().equals(env.defaultConfig())
                        ? " --config " + cfg.source() : "");
                out.println("selfbench link on " + where);
                Table t = new Table("measurement", "N (benchrig + stock)", "benchrig", STOCK_HEADER, "ratio benchrig/stock");
                report.rows().forEach(r -> t.row(r.measurement(), r.n(), r.benchrig(), r.stock(), r.ratio()));
                t.print(out);
                report.notes().forEach(n -> out.println("- " + n));
                out.flush();
                if (writeDocs) {
                    writeSection(env, "link", markdown(report, where, command), err);
                }
            }
            return 0;
        }

        /** The 1-minute load average from /proc/loadavg, or "?" where there is none. */
        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (Exception e) {
                return "?";
            }
        }

        static String markdown(LinkBench.Report report, String where, String command) {
            StringBuilder sb = new StringBuilder();
            sb.append("Measured ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm 'UTC'"))).append(" on ").append(where).append(". Reproduce with:\n\n```\n")
                    .append(command).append(" --write-docs\n```\n\n");
            sb.append("| measurement | N (benchrig + stock) | benchrig | " + STOCK_HEADER + " | ratio benchrig/stock |\n");
            sb.append("|---|---|---|---|---|\n");
            for (LinkBench.Row r : report.rows()) {
                sb.append("| ").append(cell(r.measurement())).append(" | ").append(cell(r.n())).append(" | ")
                        .append(cell(r.benchrig())).append(" | ").append(cell(r.stock())).append(" | ")
                        .append(cell(r.ratio())).append(" |\n");
            }
            sb.append('\n');
            report.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
            sb.append('\n').append(HOW);
            return sb.toString();
        }

        private static String cell(String s) {
            return s.replace("|", "\\|");
        }
    }

    @Command(name = "parallel", description = "Wall time of a suite on all targets together vs the slowest target alone.")
    static final class Parallel implements Callable<Integer> {
        @ParentCommand
        SelfbenchCommand parent;
        @Mixin
        ConfigOption config;
        @Option(names = "--suite", defaultValue = "smoke", description = "suite (default: ${DEFAULT-VALUE})")
        String suite;
        @Option(names = "--repeat", defaultValue = "3", description = "repetitions per benchmark (default: ${DEFAULT-VALUE})")
        int repeat;
        @Option(names = "--rounds", defaultValue = "3", description = "timed rounds; medians are reported (default: ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--write-docs", description = "also replace the '## selfbench parallel' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            RigConfig cfg = config.load(env);
            if (rounds < 1 || repeat < 1) {
                throw new IllegalArgumentException("--rounds and --repeat must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path scratch = Files.createTempDirectory("benchrig-selfbench");
            ParallelBench.Report r;
            try (Rig rig = Rig.open(cfg); Store store = Store.open(scratch.resolve("selfbench.db"));
                 RunService service = new RunService(rig, store, Catalog.load(env.scriptsDir(), RunCommand.CATALOG_PYTHON))) {
                r = new ParallelBench(service, err).run(suite, repeat, cfg.targetIds(), rounds);
            } finally {
                try (var files = Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            String where = String.format(java.util.Locale.ROOT, "suite %s, %d repetitions, %d rounds, targets %s, %d CPUs",
                    suite, repeat, rounds, cfg.targetIds(), Runtime.getRuntime().availableProcessors());
            StringBuilder md = new StringBuilder("| targets | median wall time | min | max |\n|---|---|---|---|\n");
            Table t = new Table("targets", "median wall time", "min", "max");
            r.alone().forEach((id, s) -> {
                t.row(id + " alone", secs(s.median()), secs(s.min()), secs(s.max()));
                md.append("| ").append(id).append(" alone | ").append(secs(s.median())).append(" | ")
                        .append(secs(s.min())).append(" | ").append(secs(s.max())).append(" |\n");
            });
            t.row("all together", secs(r.together().median()), secs(r.together().min()), secs(r.together().max()));
            md.append("| all together | ").append(secs(r.together().median())).append(" | ").append(secs(r.together().min()))
                    .append(" | ").append(secs(r.together().max())).append(" |\n");
            int cpus = Runtime.getRuntime().availableProcessors();
            double sumAlone = r.alone().values().stream().mapToDouble(x -> x.median()).sum();
            double floor = Math.max(r.alone().get(r.slowest()).median(), sumAlone / cpus);
            String verdict = String.format(java.util.Locale.ROOT,
                    "ratio together / slowest alone (%s): %.2f (goal 1.15 where cores allow); the cores allow no less than "
                            + "max(slowest, sum of alone / %d CPUs) = %.2f s, so together / that floor: %.2f",
                    r.slowest(), r.ratio(), cpus, floor, r.together().median() / floor);
            out.println("selfbench parallel: " + where);
            t.print(out);
            out.println(verdict);
            out.flush();
            if (writeDocs) {
                writeSection(env, "parallel", measured(where, "./benchrig selfbench parallel --suite " + suite + " --repeat "
                        + repeat + " --rounds " + rounds) + md + "\n" + verdict + ".\n\n" + PARALLEL_WHY, err);
            }
            return 0;
        }

        static final String PARALLEL_WHY = String.join("\n",
                "Each target has its own worker thread, so with enough cores the run takes as long as its slowest",
                "target. Every emulated board is a QEMU process that keeps one host core busy while it computes, and",
                "the host baselines are CPU-bound processes too: with two boards and two hosts on two cores the",
                "targets take turns, and the ratio shows what that costs. The boards' own times do not suffer: QEMU's",
                "`-icount` clock advances with emulated instructions, not host time. Host baselines do: pin them",
                "(`cpus:` in the rig config) away from the emulators on a machine with more cores.",
                "");

        private static String secs(double s) {
            return String.format(java.util.Locale.ROOT, "%.2f s", s);
        }
    }

    @Command(name = "mqtt", description = "Outbox drain rate after a reconnect vs a plain Paho publish loop to the same broker.")
    static final class Mqtt implements Callable<Integer> {
        @ParentCommand
        SelfbenchCommand parent;
        @Option(names = "--url", paramLabel = "URL", description = "broker (default: the embedded broker, started on a free loopback port)")
        String url;
        @Option(names = "--messages", defaultValue = "5000", description = "backlog size per round (default: ${DEFAULT-VALUE})")
        int messages;
        @Option(names = "--rounds", defaultValue = "5", description = "timed rounds, alternating; medians are compared (default: ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--write-docs", description = "also replace the '## selfbench mqtt' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            if (rounds < 1 || messages < 1) {
                throw new IllegalArgumentException("--rounds and --messages must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path scratch = Files.createTempDirectory("benchrig-selfbench-mqtt");
            org.benchrig.selfbench.MqttBench.Report r;
            String broker;
            try {
                org.benchrig.mqtt.EmbeddedBroker embedded = null;
                if (url == null) {
                    int port;
                    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                        port = s.getLocalPort();
                    }
                    embedded = org.benchrig.mqtt.EmbeddedBroker.start("127.0.0.1", port, scratch.resolve("broker"));
                }
                broker = url == null ? "embedded HiveMQ CE " + embedded.url() : url;
                try {
                    r = new org.benchrig.selfbench.MqttBench(url == null ? embedded.url() : url, scratch, err).run(messages, rounds);
                } finally {
                    if (embedded != null) {
                        embedded.close();
                    }
                }
            } finally {
                try (var files = Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            String where = String.format(java.util.Locale.ROOT, "broker %s, %d messages of %d bytes per round, %d rounds, %d CPUs",
                    broker, messages, r.payloadBytes(), rounds, Runtime.getRuntime().availableProcessors());
            Table t = new Table("way", "median msg/s", "min", "max");
            t.row("plain Paho loop (QoS 1, 200 in flight)", rate(r.plainPerSecond().median()), rate(r.plainPerSecond().min()),
                    rate(r.plainPerSecond().max()));
            t.row("outbox drain after reconnect", rate(r.drainPerSecond().median()), rate(r.drainPerSecond().min()),
                    rate(r.drainPerSecond().max()));
            String verdict = String.format(java.util.Locale.ROOT, "ratio outbox drain / plain Paho: %.2f (goal at least 0.8)", r.ratio());
            out.println("selfbench mqtt: " + where);
            t.print(out);
            out.println(verdict);
            out.flush();
            if (writeDocs) {
                String md = "| way | median msg/s | min | max |\n|---|---|---|---|\n"
                        + "| plain Paho loop (QoS 1, 200 in flight) | " + rate(r.plainPerSecond().median()) + " | "
                        + rate(r.plainPerSecond().min()) + " | " + rate(r.plainPerSecond().max()) + " |\n"
                        + "| outbox drain after reconnect | " + rate(r.drainPerSecond().median()) + " | "
                        + rate(r.drainPerSecond().min()) + " | " + rate(r.drainPerSecond().max()) + " |\n";
                writeSection(env, "mqtt", measured(where, "./benchrig selfbench mqtt --messages " + messages + " --rounds "
                        + rounds + (url == null ? "" : " --url " + url)) + md + "\n" + verdict + ".\n\n" + MQTT_WHY, err);
            }
            return 0;
        }

        private static String rate(double perSecond) {
            return String.format(java.util.Locale.ROOT, "%,.0f", perSecond);
        }

        static final String MQTT_WHY = String.join("\n",
                "The drain reads the outbox in seq order (500 rows per query, ahead of the window), keeps up to 200 QoS 1",
                "messages in flight like the plain loop, and deletes acknowledged rows in batches, one SQLite",
                "transaction (one fsync) per batch rather than per message. The plain loop keeps nothing: it shows",
                "what the broker and Paho allow; the ratio is what durability costs. Against Mosquitto, run it with",
                "set_tcp_nodelay true (docs/mqtt.md).",
                "");
    }

    @Command(name = "web", description = "Time of GET /api/benchmarks/{name}/history on a store of 10 thousand and "
            + "of 1 million generated measurements (the same history in both).")
    static final class Web implements Callable<Integer> {
        @ParentCommand
        SelfbenchCommand parent;
        @Mixin
        ConfigOption config;
        @Option(names = "--requests", defaultValue = "21", description = "timed requests per store; medians are reported (default: ${DEFAULT-VALUE})")
        int requests;
        @Option(names = "--small", defaultValue = "10000", description = "measurements in the small store (default: ${DEFAULT-VALUE})")
        long small;
        @Option(names = "--large", defaultValue = "1000000", description = "measurements in the large store (default: ${DEFAULT-VALUE})")
        long large;
        @Option(names = "--write-docs", description = "also replace the '## selfbench web' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            RigConfig cfg = config.load(env);
            if (requests < 1 || small < 1 || large < small) {
                throw new IllegalArgumentException("--requests must be at least 1 and --large at least --small");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path scratch = Files.createTempDirectory("benchrig-selfbench-web");
            WebBench.Report r;
            List<AutoCloseable> open = new java.util.ArrayList<>();
            try {
                Map<Long, Double> generated = new LinkedHashMap<>();
                Map<Long, Map.Entry<Path, String>> servers = new LinkedHashMap<>();
                Rig rig = Rig.open(cfg);
                open.add(rig);
                Catalog catalog = Catalog.load(env.scriptsDir(), RunCommand.CATALOG_PYTHON);
                for (long n : List.of(small, large)) {
                    Path db = scratch.resolve("web-" + n + ".db");
                    long t0 = System.nanoTime();
                    long rows = WebBench.generate(db, n);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    err.printf(java.util.Locale.ROOT, "generated %,d measurements in %.1f s%n", rows, secs);
                    err.flush();
                    generated.put(rows, secs);
                    Store store = Store.open(db);
                    open.add(0, store);
                    RunService service = new RunService(rig, store, catalog);
                    open.add(0, service);
                    WebServer web = WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_SELFBENCH_NO_TOKEN"), null);
                    open.add(0, web);
                    servers.put(rows, Map.entry(db, web.url()));
                }
                r = WebBench.measure(servers, generated, 5, requests, err);
            } finally {
                for (AutoCloseable c : open) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        err.println("selfbench web: closing: " + e);
                    }
                }
                try (var files = Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            String where = String.format(java.util.Locale.ROOT, "%s on %s, target %s, %d timed requests per store "
                            + "(interleaved, after 5 untimed), %d CPUs", WebBench.BENCHMARK, "/api/benchmarks/" + WebBench.BENCHMARK
                            + "/history", WebBench.TARGET, r.requests(), Runtime.getRuntime().availableProcessors());
            Table t = new Table("measurements in store", "generated in", "median request", "min", "max", "points / measurements answered",
                    "same filter as a full scan");
            StringBuilder md = new StringBuilder("| measurements in store | generated in | median request | min | max "
                    + "| points / measurements answered | same filter as a full scan |\n|---|---|---|---|---|---|---|\n");
            for (WebBench.Size s : r.sizes()) {
                String[] cells = {String.format(java.util.Locale.ROOT, "%,d", s.measurements()),
                        String.format(java.util.Locale.ROOT, "%.1f s", s.generateSeconds()), ms(s.requestMs().median()),
                        ms(s.requestMs().min()), ms(s.requestMs().max()), s.points() + " / " + s.historyMeasurements(),
                        ms(s.scanMs().median())};
                t.row((Object[]) cells);
                md.append("| ").append(String.join(" | ", cells)).append(" |\n");
            }
            String verdict = String.format(java.util.Locale.ROOT, "ratio %,d / %,d: %.2f (goal 3 or less)",
                    r.sizes().get(r.sizes().size() - 1).measurements(), r.sizes().get(0).measurements(), r.ratio());
            out.println("selfbench web: " + where);
            t.print(out);
            out.println(verdict);
            out.flush();
            if (writeDocs) {
                writeSection(env, "web", measured(where, "./benchrig selfbench web"
                        + (requests != 21 ? " --requests " + requests : "")) + md + "\n" + verdict + ".\n\n" + WEB_WHY, err);
            }
            return 0;
        }

        static final String WEB_WHY = String.join("\n",
                "Both stores are scratch SQLite files made with the real migrations and filled in one transaction",
                "(batched inserts). They hold the same history of fib: the newest 50 nightly runs of 5 benchmarks on",
                "4 targets, 5 cold and 5 warm repetitions each (10,000 measurements; 500 of fib on mb1); the large store",
                "adds older runs of 100 other benchmarks. The request reads the newest measurements of one",
                "benchmark on one target through the `(benchmark, target, at)` index (at most 5,000, the history",
                "limit), the targets that ran it, and the alerts; so its cost follows the history asked for, not the",
                "store's size. The last column runs the same filter with `NOT INDEXED`: what a scan would cost.",
                "");

        private static String ms(double v) {
            return String.format(java.util.Locale.ROOT, "%.2f ms", v);
        }
    }

    @Command(name = "profile", description = "The sampler's overhead (time per call sampled vs unprofiled) on 3 benchmarks, "
            + "and the share of samples in the hotloop fixture's hot function.")
    static final class Profile implements Callable<Integer> {
        @ParentCommand
        SelfbenchCommand parent;
        @Mixin
        ConfigOption config;
        @Option(names = "--rate", defaultValue = "1000", description = "sampling rate, Hz (default: ${DEFAULT-VALUE})")
        double rate;
        @Option(names = "--tier", defaultValue = "m", description = "parameter tier (default: ${DEFAULT-VALUE})")
        String tier;
        @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds; medians are reported (default: ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--write-docs", description = "also replace the '## selfbench profile' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            RigConfig cfg = config.load(env);
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
            String loadAtStart = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            org.benchrig.profile.ProfileSettings s = new org.benchrig.profile.ProfileSettings(rate, 1, 2, 0, true);
            List<org.benchrig.selfbench.ProfileBench.Row> rows = new org.benchrig.selfbench.ProfileBench(env.scriptsDir(),
                    spec.commandLine().getErr()).run(cfg.hosts(), tier, s, rounds);
            String md = org.benchrig.selfbench.ProfileBench.markdown(rows, rate);
            PrintWriter out = spec.commandLine().getOut();
            out.print(md);
            out.flush();
            if (writeDocs) {
                String where = String.format(java.util.Locale.ROOT, "tier %s, %d rounds, 1 s warm-up and 2 s sampled per process, "
                        + "%d CPUs shared with other work, load average %s at the start", tier, rounds,
                        Runtime.getRuntime().availableProcessors(), loadAtStart);
                writeSection(env, "profile", measured(where, "./benchrig selfbench profile --rounds " + rounds) + md, spec.commandLine().getErr());
            }
            return 0;
        }
    }

    @Command(name = "hosts", description = "The rig's warm time per call on each host next to a plain long loop "
            + "(2 s warm-up, values of 1 s) as ratios, the PyPy/CPython speedup each gives, and the host part's wall time.")
    static final class Hosts implements Callable<Integer> {
        @ParentCommand
        SelfbenchCommand parent;
        @Mixin
        ConfigOption config;
        @Option(names = "--tier", defaultValue = "s", description = "parameter tier (default: ${DEFAULT-VALUE})")
        String tier;
        @Option(names = "--preset", defaultValue = "fast", description = "the rig's protocol preset: fast or rigorous (default: ${DEFAULT-VALUE})")
        String preset;
        @Option(names = "--benchmarks", split = ",", description = "default: " + "nbody,fannkuch,sieve,objchurn,strbuild,genyield")
        List<String> benchmarks;
        @Option(names = "--write-docs", description = "also replace the '## selfbench hosts' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            RigConfig cfg = config.load(env);
            Catalog catalog = Catalog.load(env.scriptsDir(), RunCommand.CATALOG_PYTHON);
            List<org.benchrig.bench.Benchmark> bs = new java.util.ArrayList<>();
            for (String name : benchmarks == null ? org.benchrig.selfbench.HostsBench.BENCHMARKS : benchmarks) {
                bs.add(catalog.benchmark(name).orElseThrow(() -> new IllegalArgumentException("no benchmark '" + name
                        + "' in the catalog")));
            }
            String loadAtStart = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            long t0 = System.nanoTime();
            List<org.benchrig.selfbench.HostsBench.Row> rows = new org.benchrig.selfbench.HostsBench(env.scriptsDir(),
                    spec.commandLine().getErr()).run(cfg.hosts(), bs, tier, preset);
            String loadAtEnd = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            String md = org.benchrig.selfbench.HostsBench.markdown(rows);
            PrintWriter out = spec.commandLine().getOut();
            out.print(md);
            out.flush();
            if (writeDocs) {
                String where = String.format(java.util.Locale.ROOT, "tier %s, preset %s, %d CPUs shared with other work, "
                        + "load average %s at the start and %s at the end, %.0f s in all", tier, preset,
                        Runtime.getRuntime().availableProcessors(), loadAtStart, loadAtEnd, (System.nanoTime() - t0) / 1e9);
                writeSection(env, "hosts", measured(where, "./benchrig selfbench hosts --tier " + tier + " --preset "
                        + preset) + md, spec.commandLine().getErr());
            }
            return 0;
        }
    }

    @Command(name = "cli", description = "Wall time of `exec BOARD 'print(1)'` and `boards` as whole commands through the "
            + "launcher: through a running serve, and opening the board directly.")
    static final class Cli implements Callable<Integer> {
        /** The goal for a command through the daemon on 2 cores. */
        static final double GOAL_S = 0.5;

        @ParentCommand
        SelfbenchCommand parent;
        @Mixin
        ConfigOption config;
        @Option(names = "--runs", defaultValue = "11", description = "timed runs per command and path (default: ${DEFAULT-VALUE})")
        int runs;
        @Option(names = "--write-docs", description = "also replace the '## selfbench cli' section of docs/performance.md")
        boolean writeDocs;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Env env = parent.parent.env;
            RigConfig cfg = config.load(env);
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            Path firmware = cfg.boards().stream().filter(b -> b.kind() == org.benchrig.config.BoardKind.EMULATED)
                    .map(BoardConfig::firmware).findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "selfbench cli needs an emulated board in " + cfg.source() + " (its firmware is used)"));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path scratch = Files.createTempDirectory("benchrig-selfbench-cli");
            List<org.benchrig.selfbench.CliBench.Row> rows;
            try {
                rows = new org.benchrig.selfbench.CliBench(env.home(), err)
                        .measure(org.benchrig.selfbench.CliBench.writeRig(scratch, firmware), runs);
            } finally {
                try (var files = Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            String md = org.benchrig.selfbench.CliBench.markdown(rows);
            double daemonExec = rows.get(0).seconds().median();
            String verdict = String.format(java.util.Locale.ROOT, "exec through the daemon: median %.2f s, goal %.1f s or less: %s",
                    daemonExec, GOAL_S, daemonExec <= GOAL_S ? "met" : "NOT met");
            out.print(md);
            out.println(verdict);
            out.flush();
            if (writeDocs) {
                String where = String.format(java.util.Locale.ROOT, "%d timed runs per command (after one untimed), "
                        + "%d CPUs shared with other work", runs, Runtime.getRuntime().availableProcessors());
                writeSection(env, "cli", measured(where, "./benchrig selfbench cli --runs " + runs) + md + "\n"
                        + verdict + ".\n\n" + CLI_WHY, err);
            }
            return 0;
        }

        static final String CLI_WHY = String.join("\n",
                "Each figure is one whole `./benchrig ...` process, as a user types it: the launcher (its",
                "is-the-jar-stale check), the JVM's start (with the class-data archive the launcher keeps in",
                "controller/target/benchrig.jsa) and the command. Through the daemon, `exec` and `boards` take",
                "`QuickStart`'s path: no picocli, no YAML library, the daemon file read with `Properties`, JSON",
                "with jackson-core, one HTTP request; the board is booted already. Opened directly, each command",
                "boots the emulator (QEMU, the firmware's start, the raw REPL) and takes the lease first.",
                "`java -version` (the launcher's JVM options, none of our classes) is the floor under every",
                "command, measured interleaved with the daemon's commands: what is above it is ours.",
                "");
    }
}
