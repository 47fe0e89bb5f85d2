package org.benchrig.web;

import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.cli.CliHarness;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.WebConfig;
import org.benchrig.store.Store;
import java.nio.file.Path;

/**
 * A rig config opened as `benchrig serve` opens it, for the browser tests: the rig, its store, the
 * run service over the repository's benchmarks and the web server on a free loopback port.
 * {@link #close} closes them in the reverse order.
 */
record ServedRig(Rig rig, Store store, RunService service, WebServer web) implements AutoCloseable {

    /** {@code token} null: the actions stay disabled, as without BENCHRIG_TOKEN. */
    static ServedRig open(Path config, String token) throws Exception {
        Rig rig = Rig.open(ConfigLoader.load(config));
        Store store = null;
        RunService service = null;
        try {
            store = Store.open(rig.databasePath());
            service = new RunService(rig, store, Catalog.load(CliHarness.REPO.resolve("firmware-scripts"), "python3"));
            WebServer web = WebServer.start(service, new WebConfig("127.0.0.1", 0, "BENCHRIG_TOKEN"), token);
            return new ServedRig(rig, store, service, web);
        } catch (Exception | Error e) {
            new ServedRig(rig, store, service, null).close();   // what opened before the failure
            throw e;
        }
    }

    /** A rig of emulated boards (none booted) written into {@code dir} as config {@code name}. */
    static ServedRig open(Path dir, String name, String[] boards, String token) throws Exception {
        return open(CliHarness.writeConfig(dir, name, boards, new String[0]), token);
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        if (service != null) {
            service.close();
        }
        if (store != null) {
            store.close();
        }
        rig.close();
    }
}
