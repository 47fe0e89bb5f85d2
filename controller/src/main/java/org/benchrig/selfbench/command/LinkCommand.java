package org.benchrig.selfbench.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.benchrig.bench.Rig;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.board.Emulator;
import org.benchrig.command.Env;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.LinkBench;
import org.benchrig.selfbench.RealStockTool;
import org.benchrig.selfbench.RealToolBench;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code selfbench link}: benchrig's link against the stock tools' way, on one emulated board. */
@Command(name = "link", description = "benchrig's raw-REPL link vs the stock way of MicroPython's host tools "
        + "(pyboard.py/mpremote): round trip, upload, corrupted transfers, repetition cost.")
final class LinkCommand extends RigKind {
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

    static final int MODULE_BYTES = 8192;
    static final int SCRIPT_BYTES = 1200;

    @Override
    Integer measure(RigConfig cfg) throws Exception {
        Env env = options.env();
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
        RealStockTool tool = stockTool == null ? null : new RealStockTool(stockTool);
        if (tool != null && stockToolRuns < 1) {
            throw new IllegalArgumentException("--stock-tool-runs must be at least 1");
        }
        try (Rig rig = Rig.open(cfg)) {
            Board board = rig.board(id);
            BoardInfo info = board.info(Deadline.in(Duration.ofSeconds(15)));
            BoardConfig bc = board.config();
            if (tool != null && bc.kind() != BoardKind.EMULATED) {
                throw new IllegalArgumentException("--stock-tool needs an emulated board (the tool runs on a second one "
                        + "with the same firmware); board " + id + " is " + bc.kind().name().toLowerCase());
            }
            String loadBefore = HostLoad.average();
            LinkBench.Report report = new LinkBench(board, options.err()).run(
                    new LinkBench.Settings(rttRuns, uploadRuns, MODULE_BYTES, runs, stock, SCRIPT_BYTES, repRuns, verifiedRuns),
                    new LinkBench.Benchmark(benchmark, Files.readString(benchFile), bc.tier()));
            List<LinkBench.Row> rows = new ArrayList<>(report.rows());
            List<String> notes = new ArrayList<>(report.notes());
            notes.add(LinkSection.imitationNote(loadBefore, HostLoad.average(), tool != null));
            if (tool != null) {
                Path scratch = Files.createTempDirectory("benchrig-stock-tool");
                try (Emulator second = Emulator.start(id + "-stock", bc.firmware(), Rig.runtimeDir(cfg),
                        Deadline.in(Duration.ofSeconds(20)))) {
                    String before = HostLoad.average();
                    rows.add(RealToolBench.transfers(board, second, tool, stockToolRuns, SCRIPT_BYTES, scratch, options.err()));
                    notes.add("The REAL row ran " + tool.path() + " under a load average of " + before + " at its start and "
                            + HostLoad.average() + " at its end.");
                }
            }
            report = new LinkBench.Report(rows, notes);
            String where = String.format(Locale.ROOT, "board %s (%s, %s, MicroPython %s on %s), pacing %s "
                            + "(a source the board did not confirm, or a damaged own script, is re-sent at %s, then %s); "
                            + "host load average (1 min) %s at the start, %s at the end, %d CPUs",
                    id, bc.kind().name().toLowerCase(), bc.model(), info.version(), info.machine(),
                    bc.pacing().label(), bc.pacing().gentler().label(), bc.pacing().gentler().gentler().label(),
                    loadBefore, HostLoad.average(), HostLoad.cpus());
            String command = "./benchrig selfbench link --board " + id + " --runs " + runs + " --stock-runs " + stock
                    + " --verified-runs " + verifiedRuns + " --rtt-runs " + rttRuns + " --upload-runs " + uploadRuns
                    + " --rep-runs " + repRuns + " --benchmark " + benchmark + (tool == null ? "" : " --stock-tool "
                    + tool.path() + " --stock-tool-runs " + stockToolRuns) + (cfg.source() != null
                    && !cfg.source().equals(env.defaultConfig()) ? " --config " + cfg.source() : "");
            LinkSection section = new LinkSection(report);
            options.out().println("selfbench link on " + where);
            section.print(options.out());
            options.writeSection(section.markdown(where, command));
        }
        return 0;
    }
}
