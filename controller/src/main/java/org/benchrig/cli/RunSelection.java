package org.benchrig.cli;

import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;

/** Resolves a {@code --run ID|latest} option against the store, with the errors a user needs. */
final class RunSelection {
    private RunSelection() {
    }

    static RunInfo resolve(Store store, String run) {
        if (run.equals("latest")) {
            return store.latestRun().orElseThrow(() -> new IllegalArgumentException(
                    "no runs stored in " + store.path() + " yet; start one with: benchrig run"));
        }
        long id;
        try {
            id = Long.parseLong(run);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--run expects a run id or 'latest', got '" + run + "'");
        }
        return store.run(id).orElseThrow(() -> new IllegalArgumentException("no run " + id + " in " + store.path()));
    }
}
