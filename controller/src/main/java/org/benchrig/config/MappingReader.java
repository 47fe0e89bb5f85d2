package org.benchrig.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.nio.file.Files;
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
import java.util.regex.Pattern;

/**
 * Reads one YAML mapping into a record's components, one call per key. Every call declares its key
 * as known, returns the value (or the default), and records a located problem when the value is
 * wrong; {@link #finish()} then reports the keys nobody asked for. Values returned after a problem
 * are placeholders: the loader throws before any record built from them escapes.
 */
final class MappingReader {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

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
        if (v == null) {
            return defaultValue;
        }
        if (!(v.isTextual() || v.isNumber())) {
            typeProblem(key, "a string", v);
            return defaultValue;
        }
        if (v.asText().isBlank()) {
            problem(key, "expected a non-empty string");
            return defaultValue;
        }
        return v.asText();
    }

    /** An optional boolean (true/false). */
    boolean bool(String key, boolean defaultValue) {
        JsonNode v = value(key, false, "true or false");
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            typeProblem(key, "true or false", v);
            return defaultValue;
        }
        return v.booleanValue();
    }

    /** Records a problem about {@code key}'s value (a check a record's reader makes itself). */
    void invalid(String key, String message) {
        problem(key, message);
    }

    /** A required id matching {@code [a-z0-9][a-z0-9_-]*}. */
    String id(String key) {
        String id = string(key, null, true);
        if (id != null && !ID.matcher(id).matches()) {
            problem(key, "invalid id '" + id + "'; expected an id matching " + ID.pattern()
                    + " (lower-case letters, digits, '_' and '-')");
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
        Integer i = v == null ? null : checkInteger(v, min, max, pointer.appendProperty(key), childPath(key));
        return i == null ? defaultValue : i;
    }

    /** An optional integer in {@code min..max}; null when absent or invalid. */
    Integer optionalInteger(String key, int min, int max) {
        JsonNode v = value(key, false, "an integer");
        return v == null ? null : checkInteger(v, min, max, pointer.appendProperty(key), childPath(key));
    }

    /** An integer written in decimal or as a hex string ("0x40"), in {@code min..max}. */
    Integer hexInteger(String key, int min, int max, boolean required) {
        JsonNode v = value(key, required, "an integer or a hex string like 0x40");
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return checkInteger(v, min, max, pointer.appendProperty(key), childPath(key));
        }
        String s = v.isTextual() ? v.asText().trim().toLowerCase(Locale.ROOT) : "";
        try {
            int n = s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
            if (n < min || n > max) {
                problem(key, "expected a value in 0x" + Integer.toHexString(min) + "..0x" + Integer.toHexString(max)
                        + ", got " + v.asText());
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            typeProblem(key, "an integer or a hex string like 0x40", v);
            return null;
        }
    }

    /** A number in {@code min..max} (exclusive of nothing); {@code defaultValue} when absent. */
    Double decimal(String key, double min, double max, Double defaultValue) {
        JsonNode v = value(key, defaultValue == null, "a number");
        if (v == null) {
            return defaultValue;
        }
        if (!v.isNumber()) {
            typeProblem(key, "a number in " + min + ".." + max, v);
            return defaultValue;
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            problem(key, "expected a number in " + min + ".." + max + ", got " + v.asText());
            return defaultValue;
        }
        return d;
    }

    /** Whether {@code key} is present with a value (it is declared known either way). */
    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    /** Reports {@code message} at {@code key}'s value (or the mapping, when the key is absent). */
    void problemAt(String key, String message) {
        problem(key, message);
    }

    /** A nested mapping read only when present; null when absent. */
    <T> T optionalMapping(String key, Function<MappingReader, T> reader) {
        return has(key) ? mapping(key, reader) : null;
    }
    /** A required five-field Unix cron expression ("0 2 * * *"), checked by cron-utils. */
    String cron(String key) {
        String s = string(key, null, true);
        if (s == null) {
            return null;
        }
        try {
            CRON.parse(s).validate();
        } catch (IllegalArgumentException e) {
            problem(key, "invalid cron expression '" + s + "': " + e.getMessage()
                    + "; expected five fields: minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\"");
            return null;
        }
        return s;
    }

    /** Unix cron (minute hour day-of-month month day-of-week), as crontab(5) reads it. */
    static final com.cronutils.parser.CronParser CRON = new com.cronutils.parser.CronParser(
            com.cronutils.model.definition.CronDefinitionBuilder.instanceDefinitionFor(com.cronutils.model.CronType.UNIX));

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
        if (v == null) {
            return defaultValue;
        }
        if (!(v.isTextual() || v.isNumber())) {
            typeProblem(key, expected, v);
            return null;
        }
        if (!allowed.contains(v.asText())) {
            problem(key, "invalid value '" + v.asText() + "'; expected " + expected);
            return null;
        }
        return v.asText();
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
        if (p == null) {
            return null;
        }
        if (!Files.exists(p)) {
            problem(key, "file not found: " + p);
        } else if (!Files.isRegularFile(p)) {
            problem(key, "expected a regular file, but " + p + " is not one");
        }
        return p;
    }

    /** A required path that is a directory, or could be created as one (its parent is a directory). */
    Path directoryOrCreatable(String key) {
        Path p = path(key, true);
        if (p == null) {
            return null;
        }
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                problem(key, "bad path: " + p + " exists but is not a directory; expected a directory or a path that can be created");
            }
        } else {
            Path parent = p.getParent();
            if (parent == null || !Files.exists(parent)) {
                problem(key, "bad path: " + p + " cannot be created, its parent " + parent + " does not exist");
            } else if (!Files.isDirectory(parent)) {
                problem(key, "bad path: " + p + " cannot be created, its parent " + parent + " is not a directory");
            }
        }
        return p;
    }

    /** A required command: a name found on PATH, or a path (containing a separator) to an executable file. */
    String command(String key) {
        String cmd = string(key, null, true);
        if (cmd == null) {
            return null;
        }
        if (cmd.contains("/") || cmd.contains(File.separator)) {
            Path p = path(key, true);
            if (p != null && !(Files.isRegularFile(p) && Files.isExecutable(p))) {
                problem(key, "interpreter not found: " + p + " is not an executable file");
            }
        } else if (!onPath(cmd)) {
            problem(key, "interpreter '" + cmd + "' not found; expected a command on PATH or a path to an executable file");
        }
        return cmd;
    }

    private boolean onPath(String cmd) {
        for (String dir : ctx.pathEnv().split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(dir, cmd);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return true;
                }
            } catch (InvalidPathException e) {
                // not a usable PATH entry
            }
        }
        return false;
    }

    // ---- structure ----------------------------------------------------------------------------

    /** A nested mapping; when absent the reader still runs (on an empty mapping) so defaults apply. */
    <T> T mapping(String key, Function<MappingReader, T> reader) {
        JsonNode v = value(key, false, "a mapping");
        ObjectNode child;
        if (v == null) {
            child = JsonNodeFactory.instance.objectNode();
        } else if (v instanceof ObjectNode o) {
            child = o;
        } else {
            typeProblem(key, "a mapping", v);
            child = JsonNodeFactory.instance.objectNode();
        }
        return read(child, pointer.appendProperty(key), childPath(key), reader);
    }

    /** A list of mappings, each read by {@code reader}; absent means empty. */
    <T> List<T> list(String key, Function<MappingReader, T> reader) {
        JsonNode v = value(key, false, "a list");
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            typeProblem(key, "a list", v);
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonPointer itemPointer = pointer.appendProperty(key).appendIndex(i);
            String itemPath = childPath(key) + "[" + i + "]";
            if (v.get(i) instanceof ObjectNode o) {
                out.add(read(o, itemPointer, itemPath, reader));
            } else {
                ctx.problem(ctx.valueLocation(itemPointer), itemPath,
                        "expected a mapping, got " + describe(v.get(i)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A list of existing directories, each resolved against the config file's directory; absent means empty. */
    List<Path> directoryList(String key) {
        JsonNode v = value(key, false, "a list of directories");
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            typeProblem(key, "a list of directories", v);
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonPointer at = pointer.appendProperty(key).appendIndex(i);
            String itemPath = childPath(key) + "[" + i + "]";
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                ctx.problem(ctx.valueLocation(at), itemPath, "expected a directory path, got " + describe(item));
                continue;
            }
            try {
                Path p = ctx.baseDir().resolve(item.asText()).normalize();
                if (!Files.isDirectory(p)) {
                    ctx.problem(ctx.valueLocation(at), itemPath, "benchmark directory not found: " + p
                            + " (expected a directory of benchmark files)");
                } else {
                    out.add(p);
                }
            } catch (InvalidPathException e) {
                ctx.problem(ctx.valueLocation(at), itemPath, "bad path '" + item.asText() + "': " + e.getReason());
            }
        }
        return List.copyOf(out);
    }

    /** A list of integers in {@code min..max}; absent means empty. */
    List<Integer> integerList(String key, int min, int max) {
        JsonNode v = value(key, false, "a list of integers");
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            typeProblem(key, "a list of integers", v);
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            Integer n = checkInteger(v.get(i), min, max, pointer.appendProperty(key).appendIndex(i),
                    childPath(key) + "[" + i + "]");
            if (n != null) {
                out.add(n);
            }
        }
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

    // ---- helpers ------------------------------------------------------------------------------

    private <T> T read(ObjectNode child, JsonPointer childPointer, String childPath, Function<MappingReader, T> reader) {
        return read(ctx, child, childPointer, childPath, reader);
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

    private Integer checkInteger(JsonNode v, int min, int max, JsonPointer at, String atPath) {
        String range = max == Integer.MAX_VALUE ? " >= " + min : " in " + min + ".." + max;
        if (v == null || !v.isIntegralNumber()) {
            ctx.problem(ctx.valueLocation(at), atPath, "expected an integer" + range + ", got " + describe(v));
            return null;
        }
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            ctx.problem(ctx.valueLocation(at), atPath, "expected an integer" + range + ", got " + v.asText());
            return null;
        }
        return v.intValue();
    }

    void problem(String key, String message) {
        ctx.problem(ctx.valueLocation(pointer.appendProperty(key)), childPath(key), message);
    }

    private void typeProblem(String key, String expected, JsonNode v) {
        problem(key, "expected " + expected + ", got " + describe(v));
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asText();
        }
        return v.asText();
    }
}
