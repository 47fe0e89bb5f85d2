package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import org.benchrig.report.AppClassMatrix;
import org.benchrig.report.PyperfExport;
import org.benchrig.store.RunInfo;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code benchrig results [--run ID|latest] [--format table|csv|json|pyperf] [--target T]}. */
@Command(name = "results", description = "Print one run: a summary table, or every measurement as CSV or JSON.")
public final class ResultsCommand implements Callable<Integer> {
    enum Format { table, csv, json, pyperf }

    @Mixin
    ConfigOption config;
    @Mixin
    RunSelection run;
    @Option(names = "--format", defaultValue = "table",
            description = "table, csv, json, or pyperf (pyperf's JSON format 1.0 for one host, with --target; "
                    + "default: ${DEFAULT-VALUE})")
    Format format;
    @Option(names = "--target", paramLabel = "T", description = "the host target of --format pyperf")
    String target;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        try (RunStore runStore = RunStore.open(cfg)) {
            Store store = runStore.store();
            RunInfo r = run.resolve(store);
            switch (format) {
                case csv -> ResultsPrinter.csv(store.targets(r.id()), store.measurements(r.id()), store.benchmarks(r.id()),
                        out);
                case json -> ResultsPrinter.json(r, store.targets(r.id()), store.measurements(r.id()),
                        store.benchmarks(r.id()), AppClassMatrix.of(store, r.id(), cfg.stats()), out);
                case pyperf -> {
                    List<TargetInfo> hosts = store.targets(r.id()).stream().filter(t -> "host".equals(t.kind())).toList();
                    TargetInfo t = hosts.stream().filter(h -> h.targetId().equals(target)).findFirst().orElse(null);
                    if (t == null) {
                        config.err().println("benchrig results: --format pyperf needs --target with one "
                                + "of the run's hosts: " + String.join(", ", hosts.stream().map(TargetInfo::targetId).toList())
                                + (target == null ? "" : " (got '" + target + "')"));
                        return 2;
                    }
                    out.println(PyperfExport.of(r, t, store.measurements(r.id())).toString());
                }
                default -> ResultsPrinter.table(r, store.targets(r.id()), store.benchmarks(r.id()),
                        store.measurements(r.id()), out);
            }
            if (format == Format.table) {
                ConcurrencyTable.print(new ScalingRecords(store).of(r.id()), out);
            }
            return 0;
        }
    }
}
