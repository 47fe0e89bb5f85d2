package org.benchrig.store;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO board_leases "
                    + "(board, holder, host, pid, purpose, since, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, board);
                ps.setString(2, holder);
                ps.setString(3, host);
                ps.setLong(4, pid);
                ps.setString(5, purpose);
                ps.setString(6, since.toString());
                ps.setString(7, now.plus(ttl).toString());
                ps.executeUpdate();
            }
            return new Lease(board, holder, host, pid, purpose, since, now.plus(ttl));
        });
    }

    /** Extends this process's leases on {@code board} and updates what it is used for. */
    public synchronized void renew(String board, String purpose, Duration ttl) {
        transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE board_leases SET expires_at = ?, purpose = ? WHERE board = ? AND holder = ?")) {
                ps.setString(1, clock.instant().plus(ttl).toString());
                ps.setString(2, purpose);
                ps.setString(3, board);
                ps.setString(4, holder);
                return ps.executeUpdate();
            }
        });
    }

    public synchronized void release(String board) {
        transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM board_leases WHERE board = ? AND holder = ?")) {
                ps.setString(1, board);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }

    public synchronized Optional<Lease> lease(String board) {
        return transaction(c -> lease(c, board));
    }

    public synchronized void setState(String board, String state, String reason) {
        transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO board_states (board, state, reason, since) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, board);
                ps.setString(2, state);
                ps.setString(3, reason);
                ps.setString(4, clock.instant().toString());
                return ps.executeUpdate();
            }
        });
    }

    public synchronized void clearState(String board) {
        transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM board_states WHERE board = ?")) {
                ps.setString(1, board);
                return ps.executeUpdate();
            }
        });
    }

    public synchronized Optional<BoardRecord> state(String board) {
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT state, reason, since FROM board_states WHERE board = ?")) {
                ps.setString(1, board);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new BoardRecord(board, rs.getString(1), rs.getString(2),
                            Instant.parse(rs.getString(3)))) : Optional.<BoardRecord>empty();
                }
            }
        });
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
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT holder, host, pid, purpose, since, expires_at FROM board_leases WHERE board = ?")) {
            ps.setString(1, board);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(board, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6))));
            }
        }
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
