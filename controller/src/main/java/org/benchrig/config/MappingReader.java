package org.benchrig.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.benchrig.config.ValueChecks.Checked;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one YAML mapping into a record's components, one call per key. Every call declares its key
 * as known, returns the value (or the default), and records a located problem when the value is
 * wrong; {@link #finish()} then reports the keys nobody asked for. Values returned after a problem
 * are placeholders: the loader throws before any record built from them escapes. What a value must
 * be is {@link ValueChecks}'; what a path must name on disk is {@link FileChecks}'.
 * Over 300 lines on purpose: it is the one vocabulary every config record reads with (one short
 * method per kind of value); splitting it would give the records two readers to ask.
 */
final class MappingReader {

    private final ReadContext ctx;
    private final ObjectNode node;
    private final JsonPointer pointer;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    MappingReader(ReadContext ctx, ObjectNode node, JsonPointer pointer, String path) {
        this.ctx = ctx;
        this.node = node;
        this.pointer = pointer;
        this.path = path;
    }

    // ---- scalar values ------------------------------------------------------------------------

    /** An optional string (numbers are taken as their text). */
    String string(String key, String defaultValue) {
        return string(key, defaultValue, false);
    }

    String string(String key, String defaultValue, boolean required) {
        JsonNode v = value(key, required, "a string");
        return v == null ? defaultValue : take(key, ValueChecks.string(v), defaultValue);
    }

    /** An optional boolean (true/false). */
    boolean bool(String key, boolean defaultValue) {
        JsonNode v = value(key, false, "true or false");
        return v == null ? defaultValue : take(key, ValueChecks.bool(v), defaultValue);
    }

    /** A required id matching {@code [a-z0-9][a-z0-9_-]*}. */
    String id(String key) {
        String id = string(key, null, true);
        if (id != null) {
            report(key, ValueChecks.idProblem(id));
        }
        return id;
    }

    /** A required id that must be unique among all boards and hosts. */
    String targetId(String key) {
        String id = id(key);
        if (id != null) {
            ctx.claimId(id, childPath(key), ctx.valueLocation(pointer.appendProperty(key)));
        }
        return id;
    }

    /** An integer in {@code min..max}. */
    int integer(String key, int min, int max, int defaultValue) {
        JsonNode v = value(key, false, "an integer");
        return v == null ? defaultValue : take(key, ValueChecks.integer(v, min, max), defaultValue);
    }

    /** An optional integer in {@code min..max}; null when absent or invalid. */
    Integer optionalInteger(String key, int min, int max) {
        JsonNode v = value(key, false, "an integer");
        return v == null ? null : take(key, ValueChecks.integer(v, min, max), null);
    }

    /** An integer written in decimal or as a hex string ("0x40"), in {@code min..max}. */
    Integer hexInteger(String key, int min, int max, boolean required) {
        JsonNode v = value(key, required, "an integer or a hex string like 0x40");
        return v == null ? null : take(key, ValueChecks.hexInteger(v, min, max), null);
    }

    /** A number in {@code min..max} (exclusive of nothing); {@code defaultValue} when absent. */
    Double decimal(String key, double min, double max, Double defaultValue) {
        JsonNode v = value(key, defaultValue == null, "a number");
        return v == null ? defaultValue : take(key, ValueChecks.decimal(v, min, max), defaultValue);
    }

    /** A required five-field Unix cron expression ("0 2 * * *"), checked by cron-utils. */
    String cron(String key) {
        String s = string(key, null, true);
        if (s == null) {
            return null;
        }
        try {
            CronExpression.parse(s);
        } catch (IllegalArgumentException e) {
            problem(key, "invalid cron expression '" + s + "': " + e.getMessage()
                    + "; expected five fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\"");
            return null;
        }
        return s;
    }

    /** One of an enum's constants, written lower-case; {@code defaultValue == null} means required. */
    <E extends Enum<E>> E enumeration(String key, Class<E> type, E defaultValue) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        String s = oneOf(key, names, defaultValue == null ? null : defaultValue.name().toLowerCase(Locale.ROOT));
        return s == null ? defaultValue : Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    }

    /** One of {@code allowed}; {@code defaultValue == null} means required. Returns null when invalid. */
    String oneOf(String key, List<String> allowed, String defaultValue) {
        String expected = "one of: " + String.join(", ", allowed);
        JsonNode v = value(key, defaultValue == null, expected);
        return v == null ? defaultValue : take(key, ValueChecks.oneOf(v, allowed, expected), null);
    }

    // ---- paths and commands -------------------------------------------------------------------

    /** A path resolved against the config file's directory, or null when absent or invalid. */
    Path path(String key, boolean required) {
        String s = string(key, null, required);
        if (s == null) {
            return null;
        }
        try {
            return ctx.baseDir().resolve(s).normalize();
        } catch (InvalidPathException e) {
            problem(key, "bad path '" + s + "': " + e.getReason());
            return null;
        }
    }

    /** A path that must name an existing regular file. */
    Path existingFile(String key, boolean required) {
        Path p = path(key, required);
        if (p != null) {
            report(key, FileChecks.regularFile(p));
        }
        return p;
    }

    /** A required path that is a directory, or could be created as one (its parent is a directory). */
    Path directoryOrCreatable(String key) {
        Path p = path(key, true);
        if (p != null) {
            report(key, FileChecks.directoryOrCreatable(p));
        }
        return p;
    }

    /** A required command: a name found on PATH, or a path (containing a separator) to an executable file. */
    String command(String key) {
        String cmd = string(key, null, true);
        if (cmd == null) {
            return null;
        }
        if (FileChecks.isPath(cmd)) {
            Path p = path(key, true);
            if (p != null) {
                report(key, FileChecks.executableFile(p));
            }
        } else {
            report(key, FileChecks.commandOnPath(cmd, ctx.pathEnv()));
        }
        return cmd;
    }

    // ---- structure ----------------------------------------------------------------------------

    /** Whether {@code key} is present with a value (it is declared known either way). */
    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    /** A nested mapping; when absent the reader still runs (on an empty mapping) so defaults apply. */
    <T> T mapping(String key, Function<MappingReader, T> reader) {
        JsonNode v = value(key, false, "a mapping");
        ObjectNode child;
        if (v == null) {
            child = JsonNodeFactory.instance.objectNode();
        } else if (v instanceof ObjectNode o) {
            child = o;
        } else {
            report(key, ValueChecks.wrongType("a mapping", v).problem());
            child = JsonNodeFactory.instance.objectNode();
        }
        return read(ctx, child, pointer.appendProperty(key), childPath(key), reader);
    }

    /** A nested mapping read only when present; null when absent. */
    <T> T optionalMapping(String key, Function<MappingReader, T> reader) {
        return has(key) ? mapping(key, reader) : null;
    }

    /** A list of mappings, each read by {@code reader}; absent means empty. */
    <T> List<T> list(String key, Function<MappingReader, T> reader) {
        List<T> out = new ArrayList<>();
        items(key, "a list", (item, at, itemPath) -> {
            if (item instanceof ObjectNode o) {
                out.add(read(ctx, o, at, itemPath, reader));
            } else {
                ctx.problem(ctx.valueLocation(at), itemPath, "expected a mapping, got " + ValueChecks.describe(item));
            }
        });
        return Collections.unmodifiableList(out);
    }

    /** A list of existing directories, each resolved against the config file's directory; absent means empty. */
    List<Path> directoryList(String key) {
        List<Path> out = new ArrayList<>();
        items(key, "a list of directories", (item, at, itemPath) -> {
            if (!item.isTextual() || item.asText().isBlank()) {
                ctx.problem(ctx.valueLocation(at), itemPath, "expected a directory path, got " + ValueChecks.describe(item));
                return;
            }
            try {
                Path p = ctx.baseDir().resolve(item.asText()).normalize();
                String problem = FileChecks.benchmarkDirectory(p);
                if (problem != null) {
                    ctx.problem(ctx.valueLocation(at), itemPath, problem);
                } else {
                    out.add(p);
                }
            } catch (InvalidPathException e) {
                ctx.problem(ctx.valueLocation(at), itemPath, "bad path '" + item.asText() + "': " + e.getReason());
            }
        });
        return List.copyOf(out);
    }

    /** A list of integers in {@code min..max}; absent means empty. */
    List<Integer> integerList(String key, int min, int max) {
        List<Integer> out = new ArrayList<>();
        items(key, "a list of integers", (item, at, itemPath) -> {
            Checked<Integer> n = ValueChecks.integer(item, min, max);
            if (n.problem() != null) {
                ctx.problem(ctx.valueLocation(at), itemPath, n.problem());
            } else {
                out.add(n.value());
            }
        });
        return List.copyOf(out);
    }

    /** Reports {@code key} as a problem when it is present, e.g. a port on an emulated board. */
    void forbid(String key, String why) {
        known.add(key);
        if (node.has(key)) {
            ctx.problem(ctx.keyLocation(pointer.appendProperty(key)), childPath(key), why);
        }
    }

    /** Reports every key that no call declared, suggesting the closest known key. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (known.contains(key)) {
                continue;
            }
            String close = KeySuggestion.closest(key, known);
            String hint = close != null
                    ? "did you mean '" + close + "'?"
                    : "expected one of: " + String.join(", ", known);
            ctx.problem(ctx.keyLocation(pointer.appendProperty(key)), childPath(key), "unknown key; " + hint);
        }
    }

    static <T> T read(ReadContext ctx, ObjectNode node, JsonPointer pointer, String path,
                      Function<MappingReader, T> reader) {
        MappingReader m = new MappingReader(ctx, node, pointer, path);
        T result = reader.apply(m);
        m.finish();
        return result;
    }

    /** Records a problem about {@code key}'s value (or the mapping, when the key is absent). */
    void problem(String key, String message) {
        ctx.problem(ctx.valueLocation(pointer.appendProperty(key)), childPath(key), message);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** One item of a list value: the item, where it is, and its path ({@code key[i]}). */
    private interface Item {
        void accept(JsonNode item, JsonPointer at, String itemPath);
    }

    /** Hands each item of the list at {@code key} to {@code each}; absent is no items. */
    private void items(String key, String expected, Item each) {
        JsonNode v = value(key, false, expected);
        if (v == null) {
            return;
        }
        if (!v.isArray()) {
            report(key, ValueChecks.wrongType(expected, v).problem());
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            each.accept(v.get(i), pointer.appendProperty(key).appendIndex(i), childPath(key) + "[" + i + "]");
        }
    }

    /** The value of {@code key}, or null when absent or empty (reporting it if required). */
    private JsonNode value(String key, boolean required, String expected) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) {
            if (required) {
                ctx.problem(ctx.valueLocation(pointer), childPath(key), "missing required field '" + key + "'");
            }
            return null;
        }
        if (v.isNull() || v.isMissingNode()) {
            if (required) {
                ctx.problem(ctx.keyLocation(pointer.appendProperty(key)), childPath(key),
                        "missing value for required field '" + key + "'; expected " + expected);
            }
            return null;
        }
        return v;
    }

    /** The checked value, or {@code fallback} after reporting its problem at {@code key}. */
    private <T> T take(String key, Checked<T> checked, T fallback) {
        report(key, checked.problem());
        return checked.problem() == null ? checked.value() : fallback;
    }

    private void report(String key, String problemOrNull) {
        if (problemOrNull != null) {
            problem(key, problemOrNull);
        }
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
