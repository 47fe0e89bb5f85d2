package org.benchrig.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table's columns in one list, each with how its value is taken from a {@code T}: the INSERT
 * column list, its placeholders, the parameter values and the SELECT list all come from it, so
 * the column order lives in this one place. Reading back goes by column name ({@link Sql.Cells}).
 *
 * <p>Leading columns (e.g. {@code run_id}) come before the row's own and get their values at
 * each statement, for tables whose rows belong to a run that {@code T} does not name.
 */
final class Columns<T> {
    private final String table;
    private final List<String> leading;
    private final List<String> names;
    private final List<Function<? super T, ?>> values;

    private Columns(String table, List<String> leading, List<String> names, List<Function<? super T, ?>> values) {
        this.table = table;
        this.leading = List.copyOf(leading);
        this.names = List.copyOf(names);
        this.values = List.copyOf(values);
    }

    /** Starts the column list of {@code table}, after its leading columns. */
    static <T> Builder<T> of(String table, String... leading) {
        return new Builder<>(table, List.of(leading));
    }

    /** Every column name, leading first, comma-separated. */
    String names() {
        List<String> all = new ArrayList<>(leading);
        all.addAll(names);
        return String.join(", ", all);
    }

    /** {@code INSERT INTO table (columns) VALUES (?, ...)} followed by {@code tail}. */
    String insert(String tail) {
        return insert("INSERT", tail);
    }

    /** An insert that replaces a row with the same primary or unique key. */
    String insertOrReplace() {
        return insert("INSERT OR REPLACE", "");
    }

    private String insert(String verb, String tail) {
        String marks = String.join(", ", Collections.nCopies(leading.size() + names.size(), "?"));
        return verb + " INTO " + table + " (" + names() + ") VALUES (" + marks + ")" + (tail.isEmpty() ? "" : " " + tail);
    }

    /** An insert that updates every other column of the row with the same {@code key}. */
    String upsert(String... key) {
        Set<String> keys = Set.of(key);
        String updates = names.stream().filter(n -> !keys.contains(n))
                .map(n -> n + " = excluded." + n).collect(Collectors.joining(", "));
        return insert("ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + updates);
    }

    /** {@code SELECT columns FROM table} followed by {@code tail}. */
    String select(String tail) {
        return "SELECT " + names() + " FROM " + table + " " + tail;
    }

    /** The parameter values of {@link #insert} for {@code row}: the leading ones, then the row's. */
    Object[] values(T row, Object... leadingValues) {
        if (leadingValues.length != leading.size()) {
            throw new IllegalArgumentException(table + " needs values for " + leading + ", got " + leadingValues.length);
        }
        Object[] out = new Object[leading.size() + names.size()];
        System.arraycopy(leadingValues, 0, out, 0, leadingValues.length);
        for (int i = 0; i < names.size(); i++) {
            out[leading.size() + i] = values.get(i).apply(row);
        }
        return out;
    }

    static final class Builder<T> {
        private final String table;
        private final List<String> leading;
        private final List<String> names = new ArrayList<>();
        private final List<Function<? super T, ?>> values = new ArrayList<>();

        private Builder(String table, List<String> leading) {
            this.table = table;
            this.leading = leading;
        }

        /** The next column and its value (a String, Long, Integer, Double, Boolean, Instant or null). */
        Builder<T> column(String name, Function<? super T, ?> value) {
            names.add(name);
            values.add(value);
            return this;
        }

        Columns<T> build() {
            return new Columns<>(table, leading, names, values);
        }
    }
}
