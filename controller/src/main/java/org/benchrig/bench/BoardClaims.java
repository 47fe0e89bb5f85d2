package org.benchrig.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.benchrig.board.BoardBusy;
import org.benchrig.time.Deadline;

/**
 * Who uses each board inside this process. The lease in the rig's database keeps other processes
 * off a board; a daemon serves a run and CLI board commands with one lease, so these claims keep
 * them from interleaving on the link: a command finds the board busy at once, a run waits for a
 * command (commands are bounded by their own deadlines).
 */
public final class BoardClaims {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    /** Who holds a board here, and since when. */
    public record Holder(String purpose, Instant since) {
    }

    /** A held board; closing it lets the next user in. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Holder> held = new HashMap<>();
    private final Clock clock;

    public BoardClaims(Clock clock) {
        this.clock = clock;
    }

    /** Claims the board now, or says who has it: "board mb1 is busy: run 42 since 13:40". */
    public synchronized Claim tryClaim(String board, String purpose) {
        Holder h = held.get(board);
        if (h != null) {
            throw new BoardBusy("board " + board + " is busy: " + h.purpose() + " since " + SINCE.format(h.since()));
        }
        return take(board, purpose);
    }

    /** Waits for the board until {@code deadline}, then says who kept it. */
    public synchronized Claim claim(String board, String purpose, Deadline deadline) throws InterruptedException {
        while (held.containsKey(board)) {
            long left = deadline.remainingMillis();
            if (left <= 0) {
                return tryClaim(board, purpose); // throws BoardBusy naming the holder
            }
            wait(left);
        }
        return take(board, purpose);
    }

    private Claim take(String board, String purpose) {
        Holder mine = new Holder(purpose, clock.instant());
        held.put(board, mine);
        return () -> release(board, mine);
    }

    /** Releases only the claim that was taken: closing it twice never frees a later holder's. */
    private synchronized void release(String board, Holder mine) {
        if (held.get(board) == mine) { // identity: an equal later holder is not this claim
            held.remove(board);
            notifyAll();
        }
    }
}
