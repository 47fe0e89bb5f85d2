package org.benchrig.web;

import java.nio.file.Path;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.WebConfig;
import org.benchrig.store.Store;

/** A rig of emulated boards (none booted) with its store, run service and web server on a free port. */
record ServedRig(Rig rig, Store store, RunService service, WebServer web) implements AutoCloseable {

    /** @param token the bearer token, or null: actions disabled */
    static ServedRig open(Path dir, String name, String[] boards, String token) throws Exception {
        Rig rig = Rig.open(ConfigLoader.load(CliHarness.writeConfig(dir, name, boards, new String[0])));
        Store store = Store.open(rig.databasePath());
        RunService service = new RunService(rig, store, Catalog.load(CliHarness.REPO.resolve("firmware-scripts"), "python3"));
        return new ServedRig(rig, store, service, WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_TOKEN"), token));
    }

    @Override
    public void close() {
        web.close();
        service.close();
        store.close();
        rig.close();
    }
}
