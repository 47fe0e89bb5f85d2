package org.benchrig.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one JSON form of a {@link Measurement} and its parts, for every output (the outbox, MQTT,
 * the hub, REST, the CLI's and web's downloads): Jackson with snake_case names, parts as nested
 * objects, instants as ISO-8601 text, modes in lower case, the outcome as {@code outcome}
 * ("ok" or the failure class) beside {@code failure_detail}.
 */
public final class MeasurementJson {
    /** Configured once here and never handed out (a caller could reconfigure it); thread-safe. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)   // a newer sender's extra fields
            .addMixIn(Measurement.class, MeasurementNames.class)
            .addMixIn(Outcome.class, OutcomeNames.class)
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantText()))
            .build();

    /** Measurement's outcome component, whose fields are written beside the measurement's own. */
    private static final String UNWRAPPED_OUTCOME = "unwrapped_outcome";

    private MeasurementJson() {
    }

    public static String write(Measurement m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write measurement " + m.id() + " as JSON: " + e.getMessage(), e);
        }
    }

    public static ObjectNode tree(Measurement m) {
        return MAPPER.valueToTree(m);
    }

    /** A measurement from its JSON; IllegalArgumentException naming the field and what it expected when it is not one. */
    public static Measurement read(String json) {
        try {
            return complete(MAPPER.readValue(json, Measurement.class));
        } catch (JsonProcessingException e) {
            throw problem(e);
        }
    }

    public static Measurement read(JsonNode json) {
        try {
            return complete(MAPPER.treeToValue(json, Measurement.class));
        } catch (JsonProcessingException e) {
            throw problem(e);
        }
    }

    /** "not a measurement: energy.samples: expected a number", without Java's names. */
    private static IllegalArgumentException problem(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .filter(n -> !n.equals(UNWRAPPED_OUTCOME))
                .collect(Collectors.joining(".")) : "";
        String why;
        if (e.getCause() instanceof IllegalArgumentException own && own.getMessage() != null) {
            why = own.getMessage();   // ours, e.g. an unknown failure class
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            why = "expected " + expected(m.getTargetType());
        } else {
            why = e.getOriginalMessage().replaceAll("`[^`]*`", "").replaceAll(" {2,}", " ");
        }
        return new IllegalArgumentException("not a measurement: " + (field.isEmpty() ? "" : field + ": ") + why, e);
    }

    private static String expected(Class<?> t) {
        if (t.isEnum()) {
            return "one of " + Arrays.stream(t.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (t == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T02:00:00Z";
        }
        if (Number.class.isAssignableFrom(t) || t == int.class || t == long.class || t == double.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        return t == String.class ? "text" : "a JSON object";
    }

    /** A measurement has these, whatever else it lacks (a board's has no wall time, a failure no time). */
    private static Measurement complete(Measurement m) {
        List<String> missing = new ArrayList<>();
        if (m.id() == null) {
            missing.add("id");
        }
        if (m.target() == null) {
            missing.add("target");
        }
        if (m.benchmark() == null) {
            missing.add("benchmark");
        }
        if (m.mode() == null) {
            missing.add("mode");
        }
        if (m.at() == null) {
            missing.add("at");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("not a measurement: no " + String.join(", ", missing));
        }
        return m.heap() != null ? m : new Measurement(m.id(), m.runId(), m.target(), m.benchmark(), m.tier(),
                m.repetition(), m.mode(), m.timeNs(), m.wallNs(), HeapUse.none(), m.check(), m.outcome(), m.at(),
                m.energy(), m.host(), m.latency());
    }

    /** The outcome's two fields sit beside the measurement's own. */
    abstract static class MeasurementNames {
        @JsonUnwrapped
        @JsonProperty(UNWRAPPED_OUTCOME)   // never on the wire: a name apart from the outcome's own "outcome"
        abstract Outcome outcome();

        @JsonIgnore
        abstract Long timedNs();

        @JsonIgnore
        abstract boolean unsteady();
    }

    /** "ok" or the failure class, as the store and every table show it. */
    abstract static class OutcomeNames {
        @JsonCreator
        static Outcome of(@JsonProperty("outcome") String label, @JsonProperty("failure_detail") String detail) {
            return null;
        }

        @JsonIgnore
        abstract FailureClass failure();

        @JsonProperty("outcome")
        abstract String label();

        @JsonProperty("failure_detail")
        abstract String detail();

        @JsonIgnore
        abstract boolean isOk();
    }

    private static final class InstantText extends StdScalarDeserializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (java.time.format.DateTimeParseException e) {
                throw MismatchedInputException.from(p, Instant.class, "not an instant: " + p.getValueAsString());
            }
        }
    }
}
