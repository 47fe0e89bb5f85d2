package org.benchrig.bench;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.benchrig.board.BoardBusy;
import org.benchrig.store.BoardRecords;

/**
 * This process's leases on its boards in the rig's database: taken when a board is opened,
 * renewed every third of {@link Rig#LEASE_TTL} while the process lives, released when it closes
 * the board. Another holder is told "board X is busy: run 42 since 02:00".
 */
final class BoardLeases implements AutoCloseable {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final BoardRecords records;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewer");
        t.setDaemon(true);
        return t;
    });
    private volatile String purpose = "benchrig (pid " + ProcessHandle.current().pid() + ")";

    /** Leases in {@code records}; {@code renewAll} renews every lease held (it knows which boards are open). */
    BoardLeases(BoardRecords records, Runnable renewAll) {
        this.records = records;
        long every = Rig.LEASE_TTL.toMillis() / 3;
        renewer.scheduleAtFixedRate(renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** What this process uses its boards for, as other processes are told. */
    void purpose(String purpose) {
        this.purpose = purpose;
    }

    /** Takes the board's lease; {@link BoardBusy} when another process holds it. */
    void take(String id) {
        try {
            records.acquire(id, purpose, Rig.LEASE_TTL);
        } catch (BoardRecords.LeaseHeld held) {
            BoardRecords.Lease l = held.lease();
            throw new BoardBusy("board " + id + " is busy: " + l.purpose() + " since " + SINCE.format(l.since()));
        }
    }

    void renew(String id) {
        records.renew(id, purpose, Rig.LEASE_TTL);
    }

    void release(String id) {
        records.release(id);
    }

    /** Stops renewing; the leases themselves are released board by board. */
    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
