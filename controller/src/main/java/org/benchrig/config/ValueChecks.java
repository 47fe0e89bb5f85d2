package org.benchrig.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one present YAML value must be: each check takes the value and gives it typed, or the
 * problem's message as {@code MappingReader} reports it at the value's key or list item.
 */
final class ValueChecks {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /** A checked value: {@code value} when {@code problem} is null, else null. */
    record Checked<T>(T value, String problem) {
        static <T> Checked<T> ok(T value) {
            return new Checked<>(value, null);
        }

        static <T> Checked<T> bad(String problem) {
            return new Checked<>(null, problem);
        }
    }

    private ValueChecks() {
    }

    /** A non-blank string (numbers are taken as their text). */
    static Checked<String> string(JsonNode v) {
        if (!(v.isTextual() || v.isNumber())) {
            return wrongType("a string", v);
        }
        return v.asText().isBlank() ? Checked.bad("expected a non-empty string") : Checked.ok(v.asText());
    }

    static Checked<Boolean> bool(JsonNode v) {
        return v.isBoolean() ? Checked.ok(v.booleanValue()) : wrongType("true or false", v);
    }

    /** The problem with {@code id} as an id matching {@link #ID}, or null. */
    static String idProblem(String id) {
        return ID.matcher(id).matches() ? null : "invalid id '" + id + "'; expected an id matching " + ID.pattern()
                + " (lower-case letters, digits, '_' and '-')";
    }

    /** An integer in {@code min..max} ({@code max == Integer.MAX_VALUE} means no upper bound). */
    static Checked<Integer> integer(JsonNode v, int min, int max) {
        String range = max == Integer.MAX_VALUE ? " >= " + min : " in " + min + ".." + max;
        if (v == null || !v.isIntegralNumber()) {
            return Checked.bad("expected an integer" + range + ", got " + describe(v));
        }
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            return Checked.bad("expected an integer" + range + ", got " + v.asText());
        }
        return Checked.ok(v.intValue());
    }

    /** An integer written in decimal or as a hex string ("0x40"), in {@code min..max}. */
    static Checked<Integer> hexInteger(JsonNode v, int min, int max) {
        if (v.isIntegralNumber()) {
            return integer(v, min, max);
        }
        String s = v.isTextual() ? v.asText().trim().toLowerCase(Locale.ROOT) : "";
        try {
            int n = s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
            if (n < min || n > max) {
                return Checked.bad("expected a value in 0x" + Integer.toHexString(min) + "..0x"
                        + Integer.toHexString(max) + ", got " + v.asText());
            }
            return Checked.ok(n);
        } catch (NumberFormatException e) {
            return wrongType("an integer or a hex string like 0x40", v);
        }
    }

    /** A number in {@code min..max}, both included. */
    static Checked<Double> decimal(JsonNode v, double min, double max) {
        if (!v.isNumber()) {
            return wrongType("a number in " + min + ".." + max, v);
        }
        double d = v.asDouble();
        return d >= min && d <= max ? Checked.ok(d)
                : Checked.bad("expected a number in " + min + ".." + max + ", got " + v.asText());
    }

    /** One of {@code allowed}, described to the user as {@code expected}. */
    static Checked<String> oneOf(JsonNode v, List<String> allowed, String expected) {
        if (!(v.isTextual() || v.isNumber())) {
            return wrongType(expected, v);
        }
        return allowed.contains(v.asText()) ? Checked.ok(v.asText())
                : Checked.bad("invalid value '" + v.asText() + "'; expected " + expected);
    }

    /** The problem "expected {@code expected}, got ..." for a value of the wrong type. */
    static <T> Checked<T> wrongType(String expected, JsonNode v) {
        return Checked.bad("expected " + expected + ", got " + describe(v));
    }

    /** How a value reads in a message: 'text', a number, "a mapping", "a list", "nothing". */
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
