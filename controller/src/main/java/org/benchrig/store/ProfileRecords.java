package org.benchrig.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
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

    /** A profile as its row holds it: the text gzip-compressed, with the time it was stored. */
    record Stored(long id, long runId, String target, String benchmark, String tier, String outcome,
                          String detail, String meta, byte[] stacksGz, byte[] tableGz, Instant createdAt) {
        Row row() {
            return new Row(id, runId, target, benchmark, tier, outcome, detail, meta, gunzip(stacksGz), gunzip(tableGz));
        }
    }

    private static final RecordRows<Stored> ROWS = RecordRows.withGeneratedKey(Stored.class, "profiles", "id");

    private final Store store;

    public ProfileRecords(Store store) {
        this.store = store;
    }

    /** Stores one profile of run {@code r.runId()}; returns its id (the row's own id is ignored). */
    public long add(Row r) {
        return store.write("store profile of " + r.benchmark() + " on " + r.target(),
                c -> Sql.insert(c, ROWS.columns().insert(""), ROWS.columns().values(new Stored(0, r.runId(), r.target(),
                        r.benchmark(), r.tier(), r.outcome(), r.detail(), r.meta(), gzip(r.stacks()), gzip(r.table()),
                        Instant.now()))).orElseThrow());
    }

    /** Every profile of a run, in the order they were stored. */
    public List<Row> ofRun(long runId) {
        return store.read("read profiles of run " + runId,
                c -> Sql.list(c, ROWS.select("WHERE run_id = ? ORDER BY id"), ProfileRecords::row, runId));
    }

    public Optional<Row> byId(long id) {
        return store.read("read profile " + id, c -> Sql.first(c, ROWS.select("WHERE id = ?"), ProfileRecords::row, id));
    }

    private static Row row(Sql.Cells r) throws SQLException {
        return ROWS.read(r).row();
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
