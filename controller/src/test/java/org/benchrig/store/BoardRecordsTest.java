package org.benchrig.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Board leases between controller processes, and lasting board states. */
class BoardRecordsTest {
    @TempDir
    Path dir;

    /** Writes a lease row as another process (or host) would have left it. */
    private void foreignLease(Path db, String board, String host, long pid, String purpose, Instant expires) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO board_leases "
                     + "(board, holder, host, pid, purpose, since, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, board);
            ps.setString(2, host + ":" + pid + ":2026-01-01T00:00:00Z");
            ps.setString(3, host);
            ps.setLong(4, pid);
            ps.setString(5, purpose);
            ps.setString(6, "2026-11-25T02:00:00Z");
            ps.setString(7, expires.toString());
            ps.executeUpdate();
        }
    }

    @Test
    void aLiveHoldersLeaseIsRefusedWithItsPurposeUntilItExpires() throws Exception {
        Path db = dir.resolve("rig.db");
        Instant now = Instant.parse("2026-11-25T02:10:00Z");
        try (BoardRecords mine = BoardRecords.open(db, Clock.fixed(now, ZoneOffset.UTC))) {
            foreignLease(db, "mb1", "other-pi", 4242, "run 42", now.plusSeconds(20));
            assertThatThrownBy(() -> mine.acquire("mb1", "benchrig exec", Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(BoardRecords.LeaseHeld.class, e -> {
                        assertThat(e.lease().purpose()).isEqualTo("run 42");
                        assertThat(e.lease().since()).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
                    });
        }
        // the holder stopped renewing: after its lease ran out, the board can be taken
        try (BoardRecords later = BoardRecords.open(db, Clock.fixed(now.plusSeconds(21), ZoneOffset.UTC))) {
            BoardRecords.Lease l = later.acquire("mb1", "benchrig exec", Duration.ofSeconds(30));
            assertThat(l.holder()).isEqualTo(later.holder());
            assertThat(later.lease("mb1").orElseThrow().purpose()).isEqualTo("benchrig exec");
        }
    }

    @Test
    void aDeadProcessOnThisHostLosesItsLeaseAtOnce() throws Exception {
        Path db = dir.resolve("rig.db");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (BoardRecords mine = BoardRecords.open(db, Clock.systemUTC())) {
            String host = mine.holder().split(":")[0];
            foreignLease(db, "mb1", host, gone.pid(), "run 7", Instant.now().plusSeconds(3600));
            assertThat(mine.acquire("mb1", "run 8", Duration.ofSeconds(30)).purpose()).isEqualTo("run 8");
        }
    }

    @Test
    void renewAndReleaseAffectOnlyOurOwnLease() throws Exception {
        Path db = dir.resolve("rig.db");
        try (BoardRecords mine = BoardRecords.open(db, Clock.systemUTC())) {
            mine.acquire("mb1", "run 1", Duration.ofSeconds(30));
            Instant firstExpiry = mine.lease("mb1").orElseThrow().expiresAt();
            mine.renew("mb1", "run 2", Duration.ofSeconds(60));
            assertThat(mine.lease("mb1").orElseThrow().expiresAt()).isAfter(firstExpiry);
            assertThat(mine.lease("mb1").orElseThrow().purpose()).isEqualTo("run 2");
            foreignLease(db, "mb2", "other-pi", 1, "run 9", Instant.now().plusSeconds(60));
            mine.release("mb2");
            assertThat(mine.lease("mb2")).isPresent();
            mine.release("mb1");
            assertThat(mine.lease("mb1")).isEmpty();
        }
    }

    @Test
    void quarantineIsKeptWithItsReasonUntilCleared() {
        Path db = dir.resolve("rig.db");
        try (BoardRecords a = BoardRecords.open(db, Clock.systemUTC())) {
            a.setState("mb2", "QUARANTINED", "link does not answer");
        }
        try (BoardRecords b = BoardRecords.open(db, Clock.systemUTC())) {
            assertThat(b.state("mb2").orElseThrow().reason()).isEqualTo("link does not answer");
            b.clearState("mb2");
            assertThat(b.state("mb2")).isEmpty();
        }
    }
}
