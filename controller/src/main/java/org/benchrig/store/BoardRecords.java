package org.benchrig.store;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sqlite.SQLiteDataSource;

/**
 * What controller processes sharing a bench must agree on: which process uses a board now (a
 * lease it renews while it works) and which boards are quarantined. Lives in the rig's SQLite
 * file beside the results; every change is one short transaction.
 */
public final class BoardRecords implements AutoCloseable {
    /** Who holds a board, for what, since when, and until when the lease runs without renewal. */
    public record Lease(String board, String holder, String host, long pid, String purpose, Instant since,
                        Instant expiresAt) {
    }

    /** A board's lasting state (e.g. QUARANTINED) with its reason. */
    public record BoardRecord(String board, String state, String reason, Instant since) {
    }

    /** Thrown when another live process holds the board; carries its lease for the message. */
    public static final class LeaseHeld extends RuntimeException {
        private final Lease lease;

        LeaseHeld(Lease lease) {
            super("board " + lease.board() + " is held by " + lease.holder() + " for " + lease.purpose());
            this.lease = lease;
        }

        public Lease lease() {
            return lease;
        }
    }

    private static final RecordRows<Lease> LEASES = RecordRows.of(Lease.class, "board_leases");
    private static final RecordRows<BoardRecord> STATES = RecordRows.of(BoardRecord.class, "board_states");

    private final Path path;
    private final Connection connection;
    private final Clock clock;
    private final String host;
    private final long pid;
    private final String holder;

    private BoardRecords(Path path, Connection connection, Clock clock) {
        this.path = path;
        this.connection = connection;
        this.clock = clock;
        this.host = hostName();
        ProcessHandle me = ProcessHandle.current();
        this.pid = me.pid();
        this.holder = host + ":" + pid + ":" + me.info().startInstant().map(Instant::toString).orElse("?");
    }

    /** Opens the rig's database (creating and migrating it if needed). */
    public static BoardRecords open(Path dbFile, Clock clock) {
        Path p = dbFile.toAbsolutePath().normalize();
        try {
            Files.createDirectories(p.getParent());
            SQLiteDataSource ds = new SQLiteDataSource(Database.connectionConfig());
            ds.setUrl("jdbc:sqlite:" + p);
            Database.migrate(p, ds);
            return new BoardRecords(p, ds.getConnection(), clock);
        } catch (Exception e) {
            throw new StoreException("cannot open board records in " + p + ": " + e.getMessage(), e);
        }
    }

    /** This process's identity as written into leases. */
    public String holder() {
        return holder;
    }

    /**
     * Takes the board's lease for {@code ttl}, or throws {@link LeaseHeld} when a live process
     * holds it. A lease is free when it expired, or when its holder ran on this host and its
     * process is gone (a SIGKILLed controller leaves its lease behind).
     */
    public synchronized Lease acquire(String board, String purpose, Duration ttl) {
        return transaction(c -> {
            Optional<Lease> current = lease(c, board);
            Instant now = clock.instant();
            if (current.isPresent() && !current.get().holder().equals(holder) && holderAlive(current.get(), now)) {
                throw new LeaseHeld(current.get());
            }
            Instant since = current.filter(l -> l.holder().equals(holder)).map(Lease::since).orElse(now);
            Lease lease = new Lease(board, holder, host, pid, purpose, since, now.plus(ttl));
            Sql.update(c, LEASES.columns().insertOrReplace(), LEASES.columns().values(lease));
            return lease;
        });
    }

    /** Extends this process's leases on {@code board} and updates what it is used for. */
    public synchronized void renew(String board, String purpose, Duration ttl) {
        transaction(c -> Sql.update(c, "UPDATE board_leases SET expires_at = ?, purpose = ? WHERE board = ? AND holder = ?",
                clock.instant().plus(ttl), purpose, board, holder));
    }

    public synchronized void release(String board) {
        transaction(c -> Sql.update(c, "DELETE FROM board_leases WHERE board = ? AND holder = ?", board, holder));
    }

    public synchronized Optional<Lease> lease(String board) {
        return transaction(c -> lease(c, board));
    }

    public synchronized void setState(String board, String state, String reason) {
        transaction(c -> Sql.update(c, STATES.columns().insertOrReplace(),
                STATES.columns().values(new BoardRecord(board, state, reason, clock.instant()))));
    }

    public synchronized void clearState(String board) {
        transaction(c -> Sql.update(c, "DELETE FROM board_states WHERE board = ?", board));
    }

    public synchronized Optional<BoardRecord> state(String board) {
        return transaction(c -> Sql.first(c, STATES.select("WHERE board = ?"), STATES::read, board));
    }

    private boolean holderAlive(Lease l, Instant now) {
        if (l.expiresAt().isBefore(now)) {
            return false;
        }
        if (l.host().equals(host)) { // on this host we can ask the kernel
            Optional<ProcessHandle> p = ProcessHandle.of(l.pid());
            String start = p.flatMap(h -> h.info().startInstant()).map(Instant::toString).orElse("?");
            return p.isPresent() && p.get().isAlive() && l.holder().equals(host + ":" + l.pid() + ":" + start);
        }
        return true;
    }

    private static Optional<Lease> lease(Connection c, String board) throws SQLException {
        return Sql.first(c, LEASES.select("WHERE board = ?"), LEASES::read, board);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE"); // take the write lock first: check-then-write is atomic
            }
            try {
                T result = work.run(connection);
                try (Statement st = connection.createStatement()) {
                    st.execute("COMMIT");
                }
                return result;
            } catch (RuntimeException | SQLException e) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ROLLBACK");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("board records in " + path + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing board records in " + path + ": " + e.getMessage(), e);
        }
    }
}
