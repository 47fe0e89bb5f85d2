package org.benchrig.cli;

import java.io.PrintWriter;
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

/** {@code benchrig results [--run ID|latest] [--format table|csv|json]}. */
@Command(name = "results", description = "Print one run: a summary table, or every measurement as CSV or JSON.")
public final class ResultsCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @ParentCommand
    BenchrigCommand parent;
    @Mixin
    ConfigOption config;
    @Option(names = "--run", defaultValue = "latest", paramLabel = "ID|latest", description = "run id (default: latest)")
    String run;
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE})")
    Format format;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load(parent.env);
        PrintWriter out = spec.commandLine().getOut();
        try (Rig rig = Rig.open(cfg); Store store = Store.open(rig.databasePath())) {
            store.interruptOrphanedRuns();
            RunInfo r = RunSelection.resolve(store, run);
            switch (format) {
                case csv -> ResultsPrinter.csv(store.targets(r.id()), store.measurements(r.id()), store.benchmarks(r.id()),
                        out);
                case json -> ResultsPrinter.json(r, store.targets(r.id()), store.measurements(r.id()),
                        store.benchmarks(r.id()), out);
                default -> ResultsPrinter.table(r, store.targets(r.id()), store.benchmarks(r.id()),
                        store.measurements(r.id()), out);
            }
            return 0;
        }
    }
}
