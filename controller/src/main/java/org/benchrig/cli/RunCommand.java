package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunPlan;
import org.benchrig.bench.RunRequest;
import org.benchrig.bench.RunService;
import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import org.benchrig.mqtt.Messages;
import org.benchrig.mqtt.MqttPart;
import org.benchrig.mqtt.Publisher;
import org.benchrig.store.RunState;
import org.benchrig.store.ScalingRecords;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code benchrig run}: a suite on the rig's targets in parallel; progress, then a summary table. */
@Command(name = "run", description = "Run a benchmark suite on the boards and hosts in parallel and store every measurement.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Option(names = "--suite", paramLabel = "SUITE", description = "smoke, default or nightly, or benchmark names a,b (default: the config's run.suite)")
    String suite;
    @Option(names = "--targets", split = ",", paramLabel = "ID", description = "targets to run on (default: all)")
    List<String> targets;
    @Option(names = "--repeat", paramLabel = "N", description = "repetitions per benchmark and target (default: the config's run.repetitions)")
    Integer repeat;
    @Option(names = "--concurrency", negatable = true, paramLabel = "",
            description = "also run the concurrency workloads (threads vs processes vs asyncio, file I/O) after the "
                    + "benchmarks; default: yes for the default and nightly suites")
    Boolean concurrency;
    @Option(names = "--serve", description = "serve the web UI (and the other daemon parts) while the run goes on")
    boolean serve;
    @Option(names = "--bench-dir", paramLabel = "DIR",
            description = "also the benchmark files of DIR (benchrig's contract or MicroPython's perf_bench format), "
                    + "besides the config's benchmarks: directories; repeatable; they form suite 'user'")
    List<java.nio.file.Path> benchDirs = new java.util.ArrayList<>();
    @Option(names = "--profile", description = "after the run, profile each of its benchmarks on each of its hosts (stored with the run)")
    boolean profile;

    /**
     * How long a finished CLI run waits for the broker to take the last messages (reconnecting to a
     * broker that went away); what is left then waits in the outbox for `serve`, and the run says so.
     */
    static final java.time.Duration MQTT_DRAIN = java.time.Duration.ofSeconds(10);

    /** The broker password comes from the environment the CLI was given, then the process's. */
    private java.util.function.Function<String, String> mqttEnv() {
        return name -> config.env().variables().getOrDefault(name, System.getenv(name));
    }

    /** Gives the broker {@link #MQTT_DRAIN} to take what is left; says how many messages wait for `serve`. */
    static void drainOrSay(Publisher mqtt, PrintWriter err) throws InterruptedException {
        boolean drained;
        boolean connected;
        try {
            drained = mqtt.drain(MQTT_DRAIN);
            connected = mqtt.connected();
        } finally {
            mqtt.close();
        }
        long left = drained ? 0 : mqtt.waiting();   // counted after close: its last acknowledgements are deleted
        if (left > 0) {
            err.printf("benchrig: %d message(s) for broker %s wait in the outbox (%s within %d s);"
                            + " `benchrig serve` or the next run delivers them%n", left, mqtt.url(),
                    connected ? "not all acknowledged" : "no connection to the broker", MQTT_DRAIN.toSeconds());
            err.flush();
        }
    }

    /**
     * The daemon owns the boards: the run is queued there (POST /api/runs), as the web UI queues
     * one; its progress and results are on the web UI and in `benchrig results`.
     */
    private int queueOnDaemon(DaemonClient daemon, PrintWriter out, PrintWriter err)
            throws DaemonClient.Gone, java.io.IOException {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("suite", suite);
        body.put("targets", targets);
        body.put("repetitions", repeat);
        body.put("concurrency", concurrency);
        DaemonClient.Reply r = daemon.post("api/runs", body, java.time.Duration.ofSeconds(60));
        if (r.status() != 202) {
            return BoardRoute.refused(daemon, r, err).orElse(Main.EXIT_RIG);
        }
        err.println(daemon.viaLine());
        err.flush();
        Object behind = r.body().get("behind");
        out.printf("queued on the daemon: suite %s, targets %s, %s repetitions%s%n", r.body().get("suite"),
                r.body().get("targets"), r.body().get("repetitions"), behind == null ? "" : ", behind run " + behind);
        out.printf("follow it at %sruns; then `benchrig results --run latest`%n", daemon.url());
        out.flush();
        return 0;
    }

    /** The config's benchmark directories, then those given with --bench-dir (relative to the working directory). */
    static List<java.nio.file.Path> benchmarkDirs(RigConfig cfg, List<java.nio.file.Path> given) {
        List<java.nio.file.Path> dirs = new java.util.ArrayList<>(cfg.benchmarks());
        for (java.nio.file.Path d : given) {
            java.nio.file.Path abs = d.toAbsolutePath().normalize();
            if (!java.nio.file.Files.isDirectory(abs)) {
                throw new IllegalArgumentException("--bench-dir " + d + ": no such directory (" + abs + ")");
            }
            if (!dirs.contains(abs)) {
                dirs.add(abs);
            }
        }
        return dirs;
    }

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        // --serve is a daemon itself; --profile runs here after the run; the daemon knows only its config's benchmark dirs
        if (!serve && !profile && benchDirs.isEmpty()) {
            java.util.Optional<DaemonClient> daemon = DaemonClient.find(cfg.dataDir(), config.env().variables(),
                    config.err());
            if (daemon.isPresent()) {
                try {
                    return queueOnDaemon(daemon.get(), out, config.err());
                } catch (DaemonClient.Gone g) {
                    config.err().println("benchrig: note: " + g.getMessage() + "; running here");
                }
            }
        }
        config.err().println(DaemonClient.DIRECT_LINE);
        Catalog catalog = config.env().catalog(benchmarkDirs(cfg, benchDirs));
        try (Rig rig = Rig.open(cfg); Store store = Messages.queueing(Store.open(rig.databasePath()), cfg.mqtt());
             RunService service = new RunService(rig, store, catalog)) {
            int orphaned = store.interruptOrphanedRuns();
            if (orphaned > 0) {
                out.println(orphaned + " run(s) left running by a controller that died are now marked interrupted");
            }
            rig.endedLeftovers().forEach(b -> out.println("ended a leftover emulator of board " + b));
            RunPlan plan = service.plan(new RunRequest(suite, targets, repeat, "cli", concurrency));
            Thread onSignal = new Thread(() -> {
                // Ctrl-C or SIGTERM: keep what was measured, say the run was interrupted, stop the emulators.
                service.currentRun().ifPresent(id ->
                        store.finishRunIfRunning(id, RunState.INTERRUPTED, "controller stopped by a signal"));
                rig.close();
            }, "run-interrupted");
            Runtime.getRuntime().addShutdownHook(onSignal);
            long runId;
            java.util.List<AutoCloseable> parts = new java.util.ArrayList<>();
            // with --serve the daemon parts publish; otherwise a configured broker gets the run's results as they come
            Publisher mqtt = serve ? null : MqttPart.startForRun(service, config.err(), mqttEnv());
            try {
                if (serve) {
                    DaemonParts.start(service, out, parts);
                }
                runId = service.runNow(plan, new ProgressPrinter(out, config.env().interactive()));
            } finally {
                DaemonParts.stopAll(parts, config.err());
                Runtime.getRuntime().removeShutdownHook(onSignal);
                if (mqtt != null) {
                    drainOrSay(mqtt, config.err());
                }
            }
            out.println();
            ResultsPrinter.table(store.run(runId).orElseThrow(), store.targets(runId), store.benchmarks(runId),
                    store.measurements(runId), out);
            ConcurrencyTable.print(new ScalingRecords(store).of(runId), out);
            if (profile) {
                ProfileCommand.profileInto(store, runId, cfg, config.env(), plan.benchmarks(), plan.targetIds(), null,
                        org.benchrig.profile.ProfileSettings.DEFAULT, out, null);
            }
            out.printf("run %d stored in %s%n", runId, store.path());
            out.printf("web UI: http://%s:%d/run?id=%d%s%n", cfg.web().bind(), cfg.web().port(), runId,
                    serve ? "" : "  (serving while ./benchrig serve runs)");
            return store.run(runId).orElseThrow().state() == RunState.DONE ? 0 : Main.EXIT_FAILED;
        }
    }
}
