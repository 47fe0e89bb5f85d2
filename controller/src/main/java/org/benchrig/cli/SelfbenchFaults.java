package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.FaultBench;
import org.benchrig.selfbench.FaultProxy;
import org.benchrig.selfbench.FaultyLine;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig selfbench faults}: exec and suite runs through the fault injector, per fault setting. */
@Command(name = "faults", description = "Exec calls and suite runs on an emulated board behind the fault injector "
        + "(drops, bit flips, garbage, a stall, an unplug): wrong results accepted (goal 0), failures classified, "
        + "and the cost of the frames' integrity checks.")
final class SelfbenchFaults implements Callable<Integer> {
    static final String FIRMWARE = "/usr/share/firmware-microbit-micropython/firmware.hex";

    @ParentCommand
    SelfbenchCommand parent;
    @Option(names = "--calls", defaultValue = "200", description = "exec calls per setting (default: ${DEFAULT-VALUE})")
    int calls;
    @Option(names = "--runs", defaultValue = "3", description = "suite runs per setting (default: ${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--suite", defaultValue = "smoke", description = "suite or benchmarks a,b (default: ${DEFAULT-VALUE})")
    String suite;
    @Option(names = "--cost-calls", defaultValue = "31", description = "harness calls per way for the cost of "
            + "integrity (default: ${DEFAULT-VALUE})")
    int costCalls;
    @Option(names = "--seed", defaultValue = "1", description = "the injector's random seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--cost-only", description = "measure only the cost of integrity")
    boolean costOnly;
    @Option(names = "--write-docs", description = "also replace the '## selfbench faults' section of docs/performance.md")
    boolean writeDocs;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (calls < 1 || runs < 0 || costCalls < 1) {
            throw new IllegalArgumentException("--calls and --cost-calls must be at least 1, --runs at least 0");
        }
        Env env = parent.parent.env;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path scratch = Files.createTempDirectory("benchrig-faults");
        List<FaultBench.Row> rows;
        FaultBench.Cost cost;
        String load = SelfbenchCommand.Link.loadAverage();
        try (FaultyLine line = FaultyLine.start("fault", Path.of(FIRMWARE), env.home().resolve("firmware-scripts/tools/faultproxy.py"),
                scratch, FaultProxy.Rates.NONE, seed)) {
            Path yaml = Files.writeString(scratch.resolve("faults.yaml"), "rig: selfbench-faults\nplatform: simulated\ndata_dir: " + scratch
                    + "/data\nrun:\n  repetitions: 2\n  benchmark_timeout_s: 60\nboards:\n  - id: fb1\n    kind: serial\n"
                    + "    model: microbit\n    port: " + line.port() + "\nhosts: []\n");
            RigConfig cfg = ConfigLoader.load(yaml);
            try (Rig rig = Rig.open(cfg); Store store = Store.open(scratch.resolve("selfbench.db"));
                 RunService service = new RunService(rig, store, Catalog.load(env.scriptsDir(), RunCommand.CATALOG_PYTHON))) {
                FaultBench bench = new FaultBench(service, "fb1", line.proxy(), err);
                cost = bench.cost("sieve", costCalls);
                rows = costOnly ? List.of() : bench.run(FaultBench.SETTINGS, calls, runs, suite);
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String where = String.format(Locale.ROOT, "emulated micro:bit (MicroPython 1.9.2) as a `kind: serial` board with "
                        + "nothing wired, behind firmware-scripts/tools/faultproxy.py (seed %d); suite %s x 2 repetitions; host load average "
                        + "(1 min) %s at the start, %s at the end, %d CPUs", seed, suite, load,
                SelfbenchCommand.Link.loadAverage(), Runtime.getRuntime().availableProcessors());
        String[] head = {"fault", "exec calls", "right", "wrong accepted", "failed (classified)", "resends",
                "runs", "measurements", "ok", "wrong stored", "failed INFRASTRUCTURE/TIMEOUT", "other class",
                "back in service", "injected"};
        Table t = new Table(head);
        StringBuilder md = new StringBuilder("| " + String.join(" | ", head) + " |\n|" + "---|".repeat(head.length) + "\n");
        for (FaultBench.Row r : rows) {
            Object[] cells = {r.setting(), r.calls(), r.callsRight(), r.callsWrongAccepted(), r.callsFailed(),
                    r.callResends(), r.runs(), r.measurements(), r.measuredOk(), r.wrongStored(), r.failedClassified(),
                    r.failedOtherClass(), r.backInService() ? "yes" : "NO", r.injected()};
            t.row(cells);
            md.append("|");
            for (Object c : cells) {
                md.append(' ').append(String.valueOf(c).replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        String costLine = String.format(Locale.ROOT, "cost of integrity: median round trip of a `bh.rep` call of sieve "
                        + "(tier s) with the nonce/checksum frame %.1f ms, with the checksum stubbed out %.1f ms: %.3fx "
                        + "(goal at most 1.1x; %d calls each)", cost.withCheck(), cost.withoutCheck(), cost.ratio(),
                cost.calls());
        out.println("selfbench faults: " + where);
        t.print(out);
        out.println(costLine);
        out.flush();
        if (writeDocs && !costOnly) {
            SelfbenchCommand.writeSection(env, "faults", SelfbenchCommand.measured(where,
                    "./benchrig selfbench faults --calls " + calls + " --runs " + runs + " --suite " + suite + " --seed "
                            + seed) + md + "\n" + costLine + ".\n\n" + HOW, err);
        }
        boolean good = rows.stream().allMatch(r -> r.callsWrongAccepted() == 0 && r.wrongStored() == 0 && r.backInService());
        return good ? 0 : Main.EXIT_FAILED;
    }

    static final String HOW = String.join("\n",
            "How it is measured (`org.benchrig.selfbench.FaultBench`): one emulated board reached through the fault",
            "injector, a pty proxy that drops, flips or adds bytes at the given per-byte rates in both directions, or",
            "stalls the line (bytes held, then delivered) or unplugs it (the pty removed, a new one at the same path",
            "after the time given) once per batch: after a quarter of the exec calls and after each run's first",
            "measurement. An exec call prints three lines that depend on every byte of its source (`exec` with no",
            "`--retry`); right = the exact output; wrong accepted = any other output shown as good; failed = reported",
            "as damaged or as an INFRASTRUCTURE/TIMEOUT failure. A stored measurement is wrong when its time is more",
            "than 5 % off the clean run's (on-board times repeat within 0.15 %) or its outcome is not a failure class",
            "of the link (the suite's benchmarks are right). Back in service: not quarantined and answering `exec`",
            "after the fault ended, without `quarantine --release`. The cost of integrity compares the same harness",
            "call with `bh.ck` (the frame's Adler-32 on the board) and with it replaced by a constant.",
            "");
}
