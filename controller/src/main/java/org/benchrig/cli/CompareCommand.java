package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import org.benchrig.history.RunAgainstRun;
import org.benchrig.stats.Comparison;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code benchrig compare RUN_A RUN_B}: per benchmark x target x mode, the change with its interval and a verdict. */
@Command(name = "compare", description = "Compare two runs: change of the median with its confidence interval and a verdict (faster, slower, no significant change).")
public final class CompareCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "RUN_A", description = "the baseline run id")
    long runA;
    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run compared with it")
    long runB;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        try (Store store = ConfigOption.openStore(cfg)) {
            RunAgainstRun cmp = RunAgainstRun.of(store, runA, runB, cfg.stats());
            RunInfo a = cmp.a();
            RunInfo b = cmp.b();
            List<Comparison.Change> changes = cmp.changes();
            out.printf("compare run %d (%s, %s) -> run %d (%s, %s)%n", a.id(), a.suite(), a.startedAt(), b.id(), b.suite(), b.startedAt());
            out.println(cmp.rule());
            cmp.notes().forEach(n -> out.println("note: " + n));
            out.printf("%-12s %-10s %-4s %12s    %12s  %8s %-20s  %-8s  %-11s %s%n",
                    "benchmark", "target", "mode", "A median", "B median", "change", " [interval]", "p", "limit", "verdict");
            for (Comparison.Change c : changes) {
                out.println(c.line());
                c.warnings().forEach(w -> out.println("    warning: " + w));
            }
            long slower = changes.stream().filter(c -> c.verdict() == Comparison.Verdict.SLOWER).count();
            long faster = changes.stream().filter(c -> c.verdict() == Comparison.Verdict.FASTER).count();
            out.printf("%d slower, %d faster, %d without a significant change or verdict%n", slower, faster,
                    changes.size() - slower - faster);
            return 0;
        }
    }
}
