package org.benchrig.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.benchrig.board.Board;
import org.benchrig.board.BoardBusy;
import org.benchrig.board.BoardState;
import org.benchrig.board.HealthCheck;
import org.benchrig.time.Deadline;

/**
 * When a board is taken out of service: a failing health check gets the recovery the board's
 * wiring allows (hard reset, reopening its port, power cycle: {@link Board#recover}) and a second
 * check; only when that fails too is the board quarantined, with both reasons. One transient fault
 * never quarantines a board, nor does a link that damages the answers of a board that answers.
 */
final class HealthPolicy {
    /** Power cycle, boot and raw REPL on a loaded host. */
    private static final Duration POWER_CYCLE_WAIT = Duration.ofSeconds(30);

    private final Function<String, Board> boards;
    private final BiConsumer<String, String> quarantine;

    /** Boards opened by {@code boards} (on first use); {@code quarantine} takes one out of service with a reason. */
    HealthPolicy(Function<String, Board> boards, BiConsumer<String, String> quarantine) {
        this.boards = boards;
        this.quarantine = quarantine;
    }

    /** Checks the board, recovers it and checks again when it fails; a board that cannot be opened fails. */
    HealthCheck.Report ensureHealthy(String id, HealthCheck check) {
        HealthCheck.Report first = checkOnce(id, check);
        if (first.healthy() || first.linkDamaged()) {
            return first; // a board that answers over a noisy line is not unfit: checked again before its next work
        }
        String how;
        try {
            how = boards.apply(id).recover(Deadline.in(POWER_CYCLE_WAIT));
        } catch (RuntimeException e) {
            String reason = first.reason() + "; recovery failed: " + e.getMessage();
            quarantine.accept(id, reason);
            return new HealthCheck.Report(id, false, reason, null, Instant.now());
        }
        HealthCheck.Report second = checkOnce(id, check);
        if (!second.healthy() && !second.linkDamaged()) {
            quarantine.accept(id, second.reason() + " (checked twice, the second time after: " + how + ")");
        } else {
            boards.apply(id).setState(BoardState.READY, "");
        }
        return second;
    }

    private HealthCheck.Report checkOnce(String id, HealthCheck check) {
        try {
            return check.check(boards.apply(id));
        } catch (BoardBusy busy) {
            throw busy;
        } catch (RuntimeException e) {
            return new HealthCheck.Report(id, false, "cannot open the board: " + e.getMessage(), null, Instant.now());
        }
    }
}
