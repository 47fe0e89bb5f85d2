package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import org.benchrig.mqtt.Messages;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code benchrig serve}: the bench's daemon. Opens the rig, the store and the run queue, starts
 * the daemon parts (web UI, MQTT publisher, scheduler: see {@link DaemonParts}) and runs until
 * stopped (SIGTERM or Ctrl-C), then stops them in reverse order.
 */
@Command(name = "serve", description = "Run the bench daemon: web UI, MQTT publishing, schedules.")
public final class ServeCommand implements Callable<Integer> {
    /** Stopping the parts and the emulators on a signal; then the JVM exits regardless. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(20);

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        Catalog catalog = config.env().catalog(cfg.benchmarks());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Rig rig = Rig.open(cfg); Store store = Messages.queueing(Store.open(rig.databasePath()), cfg.mqtt());
             RunService service = new RunService(rig, store, catalog)) {
            store.interruptOrphanedRuns();
            List<AutoCloseable> parts = new ArrayList<>();
            Thread onSignal = new Thread(() -> {
                stop.countDown();
                try { // the JVM halts when the hooks return: let the parts stop first (daemon file, emulators)
                    stopped.await(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "serve-stop");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                DaemonParts.start(service, out, parts);
                out.println("benchrig serving rig " + cfg.rig() + "; stop with Ctrl-C");
                out.flush();
                stop.await();
            } finally {
                DaemonParts.stopAll(parts, config.err());
            }
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
