package org.benchrig.bench;

import java.util.Optional;
import org.benchrig.board.BoardState;
import org.benchrig.board.HealthCheck;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Outcome;

/**
 * One board target's health policy: checked healthy before a run (quarantined boards refused),
 * checked again before the next benchmark after a timeout or a lost link, and never run while
 * quarantined. The checks and the recovery between them are {@link Rig#ensureHealthy}'s.
 */
final class BoardHealth {
    /** Health checks at the start of a run when the link damages the answers (the board itself answers). */
    private static final int PREPARE_CHECKS = 3;

    private final Rig rig;
    private final String id;
    private final HealthCheck healthCheck = new HealthCheck(HealthCheck.DEFAULT_MIN_FREE_HEAP, Optional.empty());
    private boolean checkBeforeNext;

    BoardHealth(Rig rig, String id) {
        this.rig = rig;
        this.id = id;
    }

    /** The board checked healthy for a run; IllegalStateException says why it cannot run. */
    HealthCheck.Report beforeRun() {
        rig.record(id).filter(r -> r.state().equals(BoardState.QUARANTINED.name())).ifPresent(r -> {
            throw new IllegalStateException("quarantined since " + r.since() + ": " + r.reason()
                    + " (release with: benchrig quarantine " + id + " --release)");
        });
        HealthCheck.Report health = rig.ensureHealthy(id, healthCheck);
        for (int attempt = 1; !health.healthy() && health.linkDamaged() && attempt < PREPARE_CHECKS; attempt++) {
            health = rig.ensureHealthy(id, healthCheck); // a noisy line: the answers may get through yet
        }
        if (!health.healthy()) {
            throw new IllegalStateException(health.linkDamaged()
                    ? "not checked healthy over a link that damages its answers (not quarantined): " + health.reason()
                    : "failed its health check twice, quarantined: " + health.reason());
        }
        return health;
    }

    /**
     * Before a benchmark: empty when the board may run it, else the INFRASTRUCTURE outcome it gets
     * instead (the board failed the check it owed since its last benchmark, or is quarantined).
     */
    Optional<Outcome> beforeBenchmark() {
        if (checkBeforeNext) { // the last benchmark ended in a timeout or a lost link: is the board still fit?
            checkBeforeNext = false;
            HealthCheck.Report health = rig.ensureHealthy(id, healthCheck);
            if (!health.healthy()) {
                checkBeforeNext = health.linkDamaged(); // not quarantined: look again before the next benchmark
                return Optional.of(Outcome.failed(FailureClass.INFRASTRUCTURE,
                        (health.linkDamaged() ? "not measured: " : "board quarantined: ") + health.reason()));
            }
        }
        if (rig.quarantined(id)) {
            return Optional.of(Outcome.failed(FailureClass.INFRASTRUCTURE,
                    "board quarantined: " + rig.record(id).map(r -> r.reason()).orElse("")));
        }
        return Optional.empty();
    }

    /** A benchmark ended in {@code failure}: a timeout or an infrastructure fault owes a check before the next. */
    void ended(FailureClass failure) {
        checkBeforeNext = failure == FailureClass.TIMEOUT || failure == FailureClass.INFRASTRUCTURE;
    }

    /** At the end of a run: a board that ended its last benchmark in a timeout or a lost link is checked now. */
    void afterRun() {
        if (checkBeforeNext) {
            checkBeforeNext = false;
            rig.ensureHealthy(id, healthCheck);
        }
    }
}
