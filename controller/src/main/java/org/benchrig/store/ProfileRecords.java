package org.benchrig.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The profiles table of the store (migration V20): stored and read back as text, kept gzip-compressed. */
public final class ProfileRecords {
    /** One stored profile; {@code stacks} and {@code table} are the uncompressed text. */
    public record Row(long id, long runId, String target, String benchmark, String tier, String outcome, String detail,
                      String meta, String stacks, String table) {
    }

    private static final String COLUMNS = "id, run_id, target, benchmark, tier, outcome, detail, meta, stacks_gz, table_gz";
    private final Store store;

    public ProfileRecords(Store store) {
        this.store = store;
    }

    /** Stores one profile of run {@code r.runId()}; returns its id (the row's own id is ignored). */
    public long add(Row r) {
        return store.write("store profile of " + r.benchmark() + " on " + r.target(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO profiles (run_id, target, benchmark, tier, outcome, "
                    + "detail, meta, stacks_gz, table_gz, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, r.runId());
                ps.setString(2, r.target());
                ps.setString(3, r.benchmark());
                ps.setString(4, r.tier());
                ps.setString(5, r.outcome());
                ps.setString(6, r.detail());
                ps.setString(7, r.meta());
                ps.setBytes(8, gzip(r.stacks()));
                ps.setBytes(9, gzip(r.table()));
                ps.setString(10, Store.text(Instant.now()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Every profile of a run, in the order they were stored. */
    public List<Row> ofRun(long runId) {
        return store.read("read profiles of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM profiles WHERE run_id = ? ORDER BY id")) {
                ps.setLong(1, runId);
                return rows(ps);
            }
        });
    }

    public Optional<Row> byId(long id) {
        return store.read("read profile " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM profiles WHERE id = ?")) {
                ps.setLong(1, id);
                return rows(ps).stream().findFirst();
            }
        });
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), gunzip(rs.getBytes(9)), gunzip(rs.getBytes(10))));
            }
        }
        return out;
    }

    static byte[] gzip(String text) {
        if (text == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    static String gunzip(byte[] gz) {
        if (gz == null) {
            return null;
        }
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("a stored profile is not valid gzip: " + e.getMessage(), e);
        }
    }
}
