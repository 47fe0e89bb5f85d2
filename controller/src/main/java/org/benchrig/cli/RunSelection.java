package org.benchrig.cli;

import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import picocli.CommandLine.Option;

/** {@code --run ID|latest}: a stored run, resolved against the store with the errors a user needs. */
public final class RunSelection {
    @Option(names = "--run", defaultValue = "latest", paramLabel = "ID|latest", description = "run id (default: latest)")
    String run = "latest";

    /** The run asked for; an unknown id, a word other than 'latest' or an empty store is an IllegalArgumentException. */
    RunInfo resolve(Store store) {
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
