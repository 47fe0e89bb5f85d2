package org.benchrig.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's SQLite file and its two connections: writes go through one connection under a lock,
 * each in its own {@code BEGIN IMMEDIATE} transaction; reads use the second. WAL mode, so readers
 * (the web UI, a second Store on the same file) see every committed row while this one writes.
 */
final class Database implements AutoCloseable {

    /** Where Flyway finds the V-numbered migrations, inside the jar as in the source tree. */
    static final String MIGRATIONS = "classpath:db/migration";

    /** How long a writer waits for another connection's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** Work on one connection; its SQLException becomes a {@link StoreException} naming the file. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Path path;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private volatile boolean closed;

    private Database(Path path, Connection writer, Connection reader) {
        this.path = path;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating it and its parent folders if needed) and migrates the database file. */
    static Database open(Path dbFile) {
        Path path = dbFile.toAbsolutePath().normalize();
        try {
            Path parent = path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of database " + path + ": " + e, e);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(connectionConfig());
        dataSource.setUrl("jdbc:sqlite:" + path);
        migrate(path, dataSource);
        Connection writer = null;
        try {
            writer = dataSource.getConnection();
            Connection reader = dataSource.getConnection();
            return new Database(path, writer, reader);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException("cannot open database " + path + ": " + e.getMessage(), e);
        }
    }

    static SQLiteConfig connectionConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // FULL: a committed measurement survives a power cut of the Pi, at one fsync per commit.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        return config;
    }

    static void migrate(Path path, SQLiteDataSource dataSource) {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate database " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Runs {@code work} in one BEGIN IMMEDIATE transaction on the writer connection. */
    <T> T write(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen(what);
            try (Statement st = writer.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            } catch (SQLException e) {
                throw failure(what, e);
            }
            boolean committed = false;
            try {
                T result = work.apply(writer);
                try (Statement st = writer.createStatement()) {
                    st.execute("COMMIT");
                }
                committed = true;
                return result;
            } catch (SQLException e) {
                throw failure(what, e);
            } finally {
                if (!committed) {
                    try (Statement st = writer.createStatement()) {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // the transaction may already be gone; the original error is what matters
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    <T> T read(String what, SqlWork<T> work) {
        readLock.lock();
        try {
            ensureOpen(what);
            return work.apply(reader);
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            readLock.unlock();
        }
    }

    private void ensureOpen(String what) {
        if (closed) {
            throw new StoreException("cannot " + what + ": database " + path + " is closed");
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " in database " + path + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(reader);
            try {
                writer.close();
            } catch (SQLException e) {
                throw failure("close", e);
            }
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: nothing more to do
            }
        }
    }
}
