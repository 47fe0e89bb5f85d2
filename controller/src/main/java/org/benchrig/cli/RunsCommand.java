package org.benchrig.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.config.RigConfig;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig runs}: the stored runs, newest first. */
@Command(name = "runs", description = "List stored runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    @ParentCommand
    BenchrigCommand parent;
    @Mixin
    ConfigOption config;
    @Option(names = "--limit", defaultValue = "20", description = "how many (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--offset", defaultValue = "0", description = "skip this many newer runs")
    int offset;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load(parent.env);
        PrintWriter out = spec.commandLine().getOut();
        try (Rig rig = Rig.open(cfg); Store store = Store.open(rig.databasePath())) {
            store.interruptOrphanedRuns();
            Table t = new Table("run", "state", "suite", "targets", "reps", "started", "duration", "reason");
            for (RunInfo r : store.runs(limit, offset)) {
                String dur = r.endedAt() == null || r.startedAt() == null ? ""
                        : Duration.between(r.startedAt(), r.endedAt()).toSeconds() + " s";
                t.row(r.id(), r.state().name().toLowerCase(), r.suite(), String.join(",", r.targets()), r.repetitions(),
                        r.startedAt(), dur, r.reason());
            }
            t.print(out);
            return 0;
        }
    }
}
