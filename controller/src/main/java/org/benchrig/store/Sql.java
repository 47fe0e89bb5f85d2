package org.benchrig.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Outcome;

/**
 * The store's small JDBC helper: statements take their parameters as one list of values in SQL
 * order (no index-numbered setters), and rows are read by column name through {@link Cells}.
 */
final class Sql {

    /** UTC, nine fraction digits always: stored instants sort correctly as text. */
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    /** The column beside an outcome's label that holds its detail. */
    static final String FAILURE_DETAIL = "failure_detail";

    private Sql() {
    }

    /** Reads one result row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(Cells row) throws SQLException;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT; returns the generated row id, or empty when the insert changed nothing. */
    static Optional<Long> insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id returned for the new row");
                }
                return Optional.of(keys.getLong(1));
            }
        }
    }

    /** Every row of a query, in its order. */
    static <T> List<T> list(Connection c, String sql, RowReader<T> reader, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                Cells row = new Cells(rs);
                while (rs.next()) {
                    out.add(reader.read(row));
                }
            }
            return out;
        }
    }

    /** The first row of a query, if any. */
    static <T> Optional<T> first(Connection c, String sql, RowReader<T> reader, Object... params)
            throws SQLException {
        return list(c, sql, reader, params).stream().findFirst();
    }

    /**
     * Binds {@code params} in order: null as SQL NULL, an {@link Instant} as sortable text, a
     * boolean as 1 or 0, strings, integers and doubles as themselves.
     */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            int index = i + 1;
            Object value = params[i];
            if (value == null) {
                ps.setNull(index, Types.NULL);
            } else if (value instanceof String s) {
                ps.setString(index, s);
            } else if (value instanceof Instant t) {
                ps.setString(index, text(t));
            } else if (value instanceof Boolean b) {
                ps.setInt(index, b ? 1 : 0);
            } else if (value instanceof Double) {
                ps.setDouble(index, ((Number) value).doubleValue());
            } else if (value instanceof Long || value instanceof Integer) {
                ps.setLong(index, ((Number) value).longValue());
            } else if (value instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else {
                throw new IllegalArgumentException("no SQL form for parameter " + index + ": " + value.getClass());
            }
        }
    }

    static String text(Instant instant) {
        return INSTANT_TEXT.format(instant);
    }

    /** One row of a result, read by column name; SQL NULL reads as Java null. */
    static final class Cells {
        private final ResultSet rs;

        Cells(ResultSet rs) {
            this.rs = rs;
        }

        String text(String column) throws SQLException {
            return rs.getString(column);
        }

        /** The integer in {@code column}, or null. */
        Long integer(String column) throws SQLException {
            return orNull(rs.getLong(column));
        }

        /** The integer in {@code column}, 0 for NULL (a NOT NULL column, or a count). */
        int int32(String column) throws SQLException {
            return rs.getInt(column);
        }

        long int64(String column) throws SQLException {
            return rs.getLong(column);
        }

        /** The number in {@code column}, or null. */
        Double real(String column) throws SQLException {
            return orNull(rs.getDouble(column));
        }

        /** 1 as true, 0 as false, NULL as null. */
        Boolean flag(String column) throws SQLException {
            Long value = integer(column);
            return value == null ? null : value == 1;
        }

        /** A stored instant, or null. */
        Instant instant(String column) throws SQLException {
            String value = rs.getString(column);
            return value == null ? null : Instant.parse(value);
        }

        /** {@code value}, or null when the column just read was NULL. */
        private <V> V orNull(V value) throws SQLException {
            return rs.wasNull() ? null : value;
        }

        /** The outcome whose label ("ok" or a failure class) is in {@code column}, its detail beside it. */
        Outcome outcome(String column) throws SQLException {
            String label = rs.getString(column);
            return new Outcome("ok".equals(label) ? null : FailureClass.valueOf(label), rs.getString(FAILURE_DETAIL));
        }

        byte[] bytes(String column) throws SQLException {
            return rs.getBytes(column);
        }
    }
}
