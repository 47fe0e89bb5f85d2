package org.benchrig.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchrig.result.Outcome;

/**
 * A flat record as a table row, both ways: one column per component, named as the component in
 * snake_case ({@code firmwareHash} is {@code firmware_hash}) unless renamed, written from its
 * accessors in component order and read back by name into its canonical constructor. Components
 * are String, Instant, int, long, double, boolean or their boxes (NULL reads as null, and as an
 * error for a primitive), byte[], or an {@link Outcome}: its label and {@code failure_detail}. A generated
 * key (e.g. {@code id}) is read but never written.
 */
final class RecordRows<T extends Record> {
    private final Class<T> type;
    private final String table;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    private final List<String> names;
    private final Columns<T> columns;

    private RecordRows(Class<T> type, String table, Map<String, String> renamed, String generated,
                       String... leading) {
        this.type = type;
        this.table = table;
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
        List<String> all = new ArrayList<>();
        Columns.Builder<T> builder = Columns.of(table, leading);
        for (RecordComponent rc : components) {
            String name = renamed.getOrDefault(rc.getName(), snakeCase(rc.getName()));
            all.add(name);
            Method accessor = rc.getAccessor();
            if (rc.getType() == Outcome.class) {
                all.add(Sql.FAILURE_DETAIL);
                builder.column(name, row -> ((Outcome) get(accessor, row)).label())
                        .column(Sql.FAILURE_DETAIL, row -> ((Outcome) get(accessor, row)).detail());
            } else if (!rc.getName().equals(generated)) {
                builder.column(name, row -> get(accessor, row));
            }
        }
        this.names = List.copyOf(all);
        this.columns = builder.build();
    }

    /** The rows of {@code table}, after its leading columns (bound at each statement, not read back). */
    static <T extends Record> RecordRows<T> of(Class<T> type, String table, String... leading) {
        return new RecordRows<>(type, table, Map.of(), null, leading);
    }

    /** The same, with the columns of some components named otherwise (component to column). */
    static <T extends Record> RecordRows<T> of(Class<T> type, String table, Map<String, String> renamed,
                                               String... leading) {
        return new RecordRows<>(type, table, renamed, null, leading);
    }

    /** Rows whose {@code component} is a key the database generates: left out of inserts. */
    static <T extends Record> RecordRows<T> withGeneratedKey(Class<T> type, String table, String component) {
        return new RecordRows<>(type, table, Map.of(), component);
    }

    /** The columns written, for inserts. */
    Columns<T> columns() {
        return columns;
    }

    /** {@code SELECT} every column read back {@code FROM table} followed by {@code tail}. */
    String select(String tail) {
        return "SELECT " + String.join(", ", names) + " FROM " + table + " " + tail;
    }

    T read(Sql.Cells row) throws SQLException {
        Object[] args = new Object[components.length];
        int column = 0;
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            String name = names.get(column);
            args[i] = type == Outcome.class ? row.outcome(name) : cell(row, type, name);
            column += type == Outcome.class ? 2 : 1;
            if (args[i] == null && type.isPrimitive()) {
                throw new SQLException("column " + name + " of " + table + " is NULL");
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new StoreException("a row of " + table + " is not a valid " + type.getSimpleName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type + " from a row of " + table, e);
        }
    }

    private static Object cell(Sql.Cells row, Class<?> type, String column) throws SQLException {
        if (type == String.class) {
            return row.text(column);
        } else if (type == Instant.class) {
            return row.instant(column);
        } else if (type == long.class || type == Long.class) {
            return row.integer(column);
        } else if (type == int.class || type == Integer.class) {
            Long value = row.integer(column);
            return value == null ? null : Math.toIntExact(value);
        } else if (type == double.class || type == Double.class) {
            return row.real(column);
        } else if (type == boolean.class || type == Boolean.class) {
            return row.flag(column);
        } else if (type == byte[].class) {
            return row.bytes(column);
        }
        throw new IllegalArgumentException("no column type for " + type + " (column " + column + ")");
    }

    private static Object get(Method accessor, Object row) {
        try {
            return accessor.invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor + " of a stored row", e);
        }
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
