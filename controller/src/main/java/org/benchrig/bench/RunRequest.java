package org.benchrig.bench;

import java.util.List;

/**
 * What someone asked to run: from the CLI, the web UI or a schedule. Null fields take the rig
 * config's defaults ({@code run.suite}, every target, {@code run.repetitions}).
 *
 * @param origin who asked, for the run's record: "cli", "web", "schedule 0 2 * * *"
 */
public record RunRequest(String suite, List<String> targets, Integer repetitions, String origin) {

    public RunRequest {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
