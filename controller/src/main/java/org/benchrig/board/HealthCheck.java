package org.benchrig.board;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.benchrig.time.Deadline;

/**
 * Is a board fit to measure? Its link answers, it runs the expected firmware, and enough heap is
 * free. A board that answers over a link that keeps damaging the answers is reported as such
 * ({@code linkDamaged}): not fit to measure now, but no reason to quarantine it. Run before each run and after each recovery (LAVA's health check).
 */
public final class HealthCheck {
    /** Below this much free heap after a collect, the smallest benchmarks no longer fit a micro:bit. */
    public static final long DEFAULT_MIN_FREE_HEAP = 4096;
    /** The probe is one small exec; a loaded host still answers within seconds. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(15);

    /** The verdict, with what the board reported (null when it did not answer). */
    public record Report(String board, boolean healthy, String reason, BoardInfo info, Instant at, boolean linkDamaged) {
        public Report(String board, boolean healthy, String reason, BoardInfo info, Instant at) {
            this(board, healthy, reason, info, at, false);
        }
    }

    private final long minFreeHeap;
    private final Optional<String> expectedVersion;

    public HealthCheck(long minFreeHeap, Optional<String> expectedVersion) {
        this.minFreeHeap = minFreeHeap;
        this.expectedVersion = expectedVersion;
    }

    public Report check(Board board) {
        BoardInfo info;
        try {
            board.softReset(Deadline.in(PROBE_WAIT));
            info = board.info(Deadline.in(PROBE_WAIT));
        } catch (DamagedLink noisy) { // the board answers: not unfit, the line is bad (right now)
            return new Report(board.id(), false, "the link damages what it carries: " + noisy.getMessage(), null,
                    Instant.now(), true);
        } catch (RuntimeException e) {
            return new Report(board.id(), false, "link does not answer: " + e.getMessage(), null, Instant.now());
        }
        if (expectedVersion.isPresent() && !expectedVersion.get().equals(info.version())) {
            return new Report(board.id(), false, "runs MicroPython " + info.version() + ", expected "
                    + expectedVersion.get(), info, Instant.now());
        }
        if (info.heapFree() < minFreeHeap) {
            return new Report(board.id(), false, "only " + info.heapFree() + " bytes of heap free after a soft reset, "
                    + "below " + minFreeHeap, info, Instant.now());
        }
        return new Report(board.id(), true, "", info, Instant.now());
    }
}
