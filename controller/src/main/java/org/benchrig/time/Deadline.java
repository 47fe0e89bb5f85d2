package org.benchrig.time;

import java.time.Duration;

/** An overall point in time by which a wait must end; every wait on a board or process takes one. */
public record Deadline(long atNanos, Duration budget) {

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    public static Deadline inMillis(long millis) {
        return in(Duration.ofMillis(millis));
    }

    public long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    public long remainingMillis() {
        return Math.max(0, remainingNanos() / 1_000_000);
    }

    public boolean expired() {
        return remainingNanos() <= 0;
    }

    /** The earlier of this deadline and one {@code budget} from now. */
    public Deadline atMost(Duration budget) {
        Deadline other = in(budget);
        return other.atNanos < atNanos ? other : this;
    }

    @Override
    public String toString() {
        return budget.toMillis() + " ms deadline (" + remainingMillis() + " ms left)";
    }
}
