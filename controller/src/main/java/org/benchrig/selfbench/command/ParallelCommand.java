package org.benchrig.selfbench.command;

import java.util.Locale;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.ParallelBench;
import org.benchrig.stats.Summary;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code selfbench parallel}: a suite on all targets together against the slowest target alone. */
@Command(name = "parallel", description = "Wall time of a suite on all targets together vs the slowest target alone.")
final class ParallelCommand extends RigKind {
    @Option(names = "--suite", defaultValue = "smoke", description = "suite (default: ${DEFAULT-VALUE})")
    String suite;
    @Option(names = "--repeat", defaultValue = "3", description = "repetitions per benchmark (default: ${DEFAULT-VALUE})")
    int repeat;
    @Option(names = "--rounds", defaultValue = "3", description = "timed rounds; medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    Integer measure(RigConfig cfg) throws Exception {
        if (rounds < 1 || repeat < 1) {
            throw new IllegalArgumentException("--rounds and --repeat must be at least 1");
        }
        ParallelBench.Report r;
        try (Scratch scratch = new Scratch("benchrig-selfbench"); Rig rig = Rig.open(cfg);
             Store store = Store.open(scratch.resolve("selfbench.db"));
             RunService service = new RunService(rig, store, options.env().catalog())) {
            r = new ParallelBench(service, options.err()).run(suite, repeat, cfg.targetIds(), rounds);
        }
        int cpus = HostLoad.cpus();
        String where = String.format(Locale.ROOT, "suite %s, %d repetitions, %d rounds, targets %s, %d CPUs",
                suite, repeat, rounds, cfg.targetIds(), cpus);
        ResultTable t = new ResultTable("targets", "median wall time", "min", "max");
        r.alone().forEach((id, s) -> row(t, id + " alone", s));
        row(t, "all together", r.together());
        double sumAlone = r.alone().values().stream().mapToDouble(Summary::median).sum();
        double floor = Math.max(r.alone().get(r.slowest()).median(), sumAlone / cpus);
        String verdict = String.format(Locale.ROOT,
                "ratio together / slowest alone (%s): %.2f (goal 1.15 where cores allow); the cores allow no less than "
                        + "max(slowest, sum of alone / %d CPUs) = %.2f s, so together / that floor: %.2f",
                r.slowest(), r.ratio(), cpus, floor, r.together().median() / floor);
        options.print(where, t, verdict);
        options.writeDocs(where, "./benchrig selfbench parallel --suite " + suite + " --repeat " + repeat
                + " --rounds " + rounds, t, verdict, WHY);
        return 0;
    }

    private static void row(ResultTable t, String targets, Summary s) {
        t.row(targets, secs(s.median()), secs(s.min()), secs(s.max()));
    }

    static final String WHY = String.join("\n",
            "Each target has its own worker thread, so with enough cores the run takes as long as its slowest",
            "target. Every emulated board is a QEMU process that keeps one host core busy while it computes, and",
            "the host baselines are CPU-bound processes too: with two boards and two hosts on two cores the",
            "targets take turns, and the ratio shows what that costs. The boards' own times do not suffer: QEMU's",
            "`-icount` clock advances with emulated instructions, not host time. Host baselines do: pin them",
            "(`cpus:` in the rig config) away from the emulators on a machine with more cores.",
            "");

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }
}
