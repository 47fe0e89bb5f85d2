package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.command.Env;
import org.benchrig.config.HubConfig;
import org.benchrig.store.Store;
import org.benchrig.web.WebServer;

/**
 * The hub's web UI: the same UI as a rig's, over the lab-wide store, read-only (the hub has no
 * boards to act on). Runs of every rig appear side by side, each with its rig.
 */
public record HubWeb(Rig rig, RunService view, WebServer web) implements AutoCloseable {

    public static HubWeb start(HubConfig cfg, Store store, Path scriptsDir, Map<String, String> env, PrintWriter out) {
        Rig rig = Rig.open(cfg.asRig());
        try {
            RunService view = new RunService(rig, store, Catalog.load(scriptsDir, Env.CATALOG_PYTHON));
            return new HubWeb(rig, view, WebServer.start(view, env, out));
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            web.close();
        } finally {
            view.close();
            rig.close();
        }
    }
}
