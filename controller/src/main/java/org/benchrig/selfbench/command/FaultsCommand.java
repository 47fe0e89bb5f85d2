package org.benchrig.selfbench.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.command.Env;
import org.benchrig.command.ExitCode;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.FaultBench;
import org.benchrig.selfbench.FaultProxy;
import org.benchrig.selfbench.FaultyLine;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code benchrig selfbench faults}: exec and suite runs through the fault injector, per fault setting. */
@Command(name = "faults", description = "Exec calls and suite runs on an emulated board behind the fault injector "
        + "(drops, bit flips, garbage, a stall, an unplug): wrong results accepted (goal 0), failures classified, "
        + "and the cost of the frames' integrity checks.")
final class FaultsCommand extends SelfbenchKind {
    static final String FIRMWARE = "/usr/share/firmware-microbit-micropython/firmware.hex";

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

    @Override
    public Integer call() throws Exception {
        if (calls < 1 || runs < 0 || costCalls < 1) {
            throw new IllegalArgumentException("--calls and --cost-calls must be at least 1, --runs at least 0");
        }
        Env env = options.env();
        List<FaultBench.Row> rows;
        FaultBench.Cost cost;
        String load = HostLoad.average();
        try (Scratch scratch = new Scratch("benchrig-faults");
             FaultyLine line = FaultyLine.start("fault", Path.of(FIRMWARE), env.home().resolve("firmware-scripts/tools/faultproxy.py"),
                     scratch.dir(), FaultProxy.Rates.NONE, seed);
             Rig rig = Rig.open(rig(scratch, line)); Store store = Store.open(scratch.resolve("selfbench.db"));
             RunService service = new RunService(rig, store, env.catalog())) {
            FaultBench bench = new FaultBench(service, "fb1", line.proxy(), options.err());
            cost = bench.cost("sieve", costCalls);
            rows = costOnly ? List.of() : bench.run(FaultBench.SETTINGS, calls, runs, suite);
        }
        String where = String.format(Locale.ROOT, "emulated micro:bit (MicroPython 1.9.2) as a `kind: serial` board with "
                        + "nothing wired, behind firmware-scripts/tools/faultproxy.py (seed %d); suite %s x 2 repetitions; host load average "
                        + "(1 min) %s at the start, %s at the end, %d CPUs", seed, suite, load, HostLoad.average(), HostLoad.cpus());
        ResultTable t = new ResultTable("fault", "exec calls", "right", "wrong accepted", "failed (classified)", "resends",
                "runs", "measurements", "ok", "wrong stored", "failed INFRASTRUCTURE/TIMEOUT", "other class",
                "back in service", "injected");
        for (FaultBench.Row r : rows) {
            t.row(r.setting(), r.calls(), r.callsRight(), r.callsWrongAccepted(), r.callsFailed(),
                    r.callResends(), r.runs(), r.measurements(), r.measuredOk(), r.wrongStored(), r.failedClassified(),
                    r.failedOtherClass(), r.backInService() ? "yes" : "NO", r.injected());
        }
        String costLine = String.format(Locale.ROOT, "cost of integrity: median round trip of a `bh.rep` call of sieve "
                        + "(tier s) with the nonce/checksum frame %.1f ms, with the checksum stubbed out %.1f ms: %.3fx "
                        + "(goal at most 1.1x; %d calls each)", cost.withCheck(), cost.withoutCheck(), cost.ratio(),
                cost.calls());
        options.print(where, t, costLine);
        if (!costOnly) {
            options.writeDocs(where, "./benchrig selfbench faults --calls " + calls + " --runs " + runs + " --suite " + suite
                    + " --seed " + seed, t, costLine, HOW);
        }
        boolean good = rows.stream().allMatch(r -> r.callsWrongAccepted() == 0 && r.wrongStored() == 0 && r.backInService());
        return good ? 0 : ExitCode.FAILED;
    }

    /** The rig of one `kind: serial` board on the injector's pty, with nothing wired. */
    private static RigConfig rig(Scratch scratch, FaultyLine line) throws Exception {
        Path yaml = java.nio.file.Files.writeString(scratch.resolve("faults.yaml"), "rig: selfbench-faults\nplatform: simulated\n"
                + "data_dir: " + scratch.dir() + "/data\nrun:\n  repetitions: 2\n  benchmark_timeout_s: 60\nboards:\n"
                + "  - id: fb1\n    kind: serial\n    model: microbit\n    port: " + line.port() + "\nhosts: []\n");
        return ConfigLoader.load(yaml);
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
