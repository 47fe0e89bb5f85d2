package org.benchrig.selfbench.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.config.RigConfig;
import org.benchrig.config.WebConfig;
import org.benchrig.selfbench.WebBench;
import org.benchrig.store.Store;
import org.benchrig.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code selfbench web}: the history request on a small and on a large generated store. */
@Command(name = "web", description = "Time of GET /api/benchmarks/{name}/history on a store of 10 thousand and "
        + "of 1 million generated measurements (the same history in both).")
final class WebCommand extends RigKind {
    @Option(names = "--requests", defaultValue = "21", description = "timed requests per store; medians are reported (default: ${DEFAULT-VALUE})")
    int requests;
    @Option(names = "--small", defaultValue = "10000", description = "measurements in the small store (default: ${DEFAULT-VALUE})")
    long small;
    @Option(names = "--large", defaultValue = "1000000", description = "measurements in the large store (default: ${DEFAULT-VALUE})")
    long large;

    @Override
    Integer measure(RigConfig cfg) throws Exception {
        if (requests < 1 || small < 1 || large < small) {
            throw new IllegalArgumentException("--requests must be at least 1 and --large at least --small");
        }
        WebBench.Report r;
        try (Scratch scratch = new Scratch("benchrig-selfbench-web")) {
            r = serveAndTime(cfg, scratch);
        }
        String where = String.format(Locale.ROOT, "%s on %s, target %s, %d timed requests per store "
                        + "(interleaved, after 5 untimed), %d CPUs", WebBench.BENCHMARK, "/api/benchmarks/" + WebBench.BENCHMARK
                        + "/history", WebBench.TARGET, r.requests(), HostLoad.cpus());
        ResultTable t = new ResultTable("measurements in store", "generated in", "median request", "min", "max",
                "points / measurements answered", "same filter as a full scan");
        for (WebBench.Size s : r.sizes()) {
            t.row(String.format(Locale.ROOT, "%,d", s.measurements()), String.format(Locale.ROOT, "%.1f s", s.generateSeconds()),
                    ms(s.requestMs().median()), ms(s.requestMs().min()), ms(s.requestMs().max()),
                    s.points() + " / " + s.historyMeasurements(), ms(s.scanMs().median()));
        }
        String verdict = String.format(Locale.ROOT, "ratio %,d / %,d: %.2f (goal 3 or less)",
                r.sizes().get(r.sizes().size() - 1).measurements(), r.sizes().get(0).measurements(), r.ratio());
        options.print(where, t, verdict);
        options.writeDocs(where, "./benchrig selfbench web" + (requests != 21 ? " --requests " + requests : ""), t,
                verdict, WHY);
        return 0;
    }

    /** Generates both stores, serves each with its own web server and times the requests on them. */
    private WebBench.Report serveAndTime(RigConfig cfg, Scratch scratch) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Map<Long, Double> generated = new LinkedHashMap<>();
            Map<Long, Map.Entry<Path, String>> servers = new LinkedHashMap<>();
            Rig rig = Rig.open(cfg);
            open.add(rig);
            Catalog catalog = options.env().catalog();
            for (long n : List.of(small, large)) {
                Path db = scratch.resolve("web-" + n + ".db");
                long t0 = System.nanoTime();
                long rows = WebBench.generate(db, n);
                double secs = (System.nanoTime() - t0) / 1e9;
                options.err().printf(Locale.ROOT, "generated %,d measurements in %.1f s%n", rows, secs);
                options.err().flush();
                generated.put(rows, secs);
                Store store = Store.open(db);
                open.add(0, store);
                RunService service = new RunService(rig, store, catalog);
                open.add(0, service);
                WebServer web = WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_SELFBENCH_NO_TOKEN"), null);
                open.add(0, web);
                servers.put(rows, Map.entry(db, web.url()));
            }
            return WebBench.measure(servers, generated, 5, requests, options.err());
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    options.err().println("selfbench web: closing: " + e);
                }
            }
        }
    }

    static final String WHY = String.join("\n",
            "Both stores are scratch SQLite files made with the real migrations and filled in one transaction",
            "(batched inserts). They hold the same history of fib: the newest 50 nightly runs of 5 benchmarks on",
            "4 targets, 5 cold and 5 warm repetitions each (10,000 measurements; 500 of fib on mb1); the large store",
            "adds older runs of 100 other benchmarks. The request reads the newest measurements of one",
            "benchmark on one target through the `(benchmark, target, at)` index (at most 5,000, the history",
            "limit), the targets that ran it, and the alerts; so its cost follows the history asked for, not the",
            "store's size. The last column runs the same filter with `NOT INDEXED`: what a scan would cost.",
            "");

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }
}
