package org.benchrig.cli;

import org.benchrig.bench.Rig;
import org.benchrig.config.RigConfig;
import org.benchrig.store.Store;

/**
 * The rig's store as the commands that list runs open it: the rig first (it ends what a killed
 * controller left), then the store, with the runs a dead controller left running marked interrupted.
 */
final class RunStore implements AutoCloseable {
    private final Rig rig;
    private final Store store;

    private RunStore(Rig rig, Store store) {
        this.rig = rig;
        this.store = store;
    }

    static RunStore open(RigConfig cfg) {
        Rig rig = Rig.open(cfg);
        try {
            Store store = Store.open(rig.databasePath());
            store.interruptOrphanedRuns();
            return new RunStore(rig, store);
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
    }

    Store store() {
        return store;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            rig.close();
        }
    }
}
