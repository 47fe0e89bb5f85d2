package org.benchrig.bench;

import java.util.List;

/**
 * What someone asked to run: from the CLI, the web UI or a schedule. Null fields take the rig
 * config's defaults ({@code run.suite}, every target, {@code run.repetitions}).
 *
 * @param origin      who asked, for the run's record: "cli", "web", "schedule 0 2 * * *"
 * @param concurrency run the concurrency workloads too; null: the suite decides
 */
public record RunRequest(String suite, List<String> targets, Integer repetitions, String origin,
                         Boolean concurrency) {

    public RunRequest {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A request that leaves the concurrency workloads to the suite (see {@link RunService#plan}). */
    public RunRequest(String suite, List<String> targets, Integer repetitions, String origin) {
        this(suite, targets, repetitions, origin, null);
    }
}
