package org.benchrig.store;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code runs}. {@code startedAt} is null for a queued run, {@code endedAt} until the
 * run is finished or interrupted; {@code reason} says why a run failed or was interrupted.
 */
public record RunInfo(long id, String rig, String suite, RunState state, Instant startedAt,
                      Instant endedAt, int repetitions, List<String> targets, String configHash,
                      long controllerPid, String reason) {

    public RunInfo {
        targets = List.copyOf(targets);
    }
}
