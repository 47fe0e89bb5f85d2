package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.HubConfig;
import org.benchrig.mqtt.Hub;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig hub}: follows every rig on a shared broker into one lab-wide store (docs/mqtt.md). */
@Command(name = "hub", description = "Collect every rig's results from a shared MQTT broker into one store, "
        + "and serve the web UI for all of them.")
public final class HubCommand implements Callable<Integer> {
    @ParentCommand
    BenchrigCommand parent;
    @Option(names = "--config", required = true, paramLabel = "HUB_YAML", description = "the hub's config file")
    Path config;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HubConfig cfg = ConfigLoader.loadHub(config);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (Store store = Store.openWithoutOutbox(cfg.databasePath());
             Hub hub = new Hub(cfg, store, spec.commandLine().getErr(),
                     name -> parent.env.variables().getOrDefault(name, System.getenv(name))).start();
             HubWeb web = HubWeb.start(cfg, store, parent.env.scriptsDir(), parent.env.variables(), out)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "hub-stop"));
            out.println("benchrig hub " + cfg.hub() + " following " + String.join(", ", Hub.FILTERS) + " on "
                    + cfg.mqtt().effectiveUrl() + "; store " + store.path() + "; stop with Ctrl-C");
            out.flush();
            stop.await();
        }
        return 0;
    }
}
