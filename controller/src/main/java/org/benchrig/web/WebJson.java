package org.benchrig.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * The web API's JSON conventions, those of {@link org.benchrig.result.MeasurementJson}: snake_case
 * names (a record component {@code medianNs} is {@code median_ns}, request bodies too), enums in
 * lower case, instants as ISO-8601 text, and no NaN or infinity (JSON has none: such a number is
 * null). Map keys are data (target and benchmark names) and stay as they are.
 */
final class WebJson {
    private WebJson() {
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new SimpleModule("web")
                        .addSerializer(Instant.class, ToStringSerializer.instance)
                        .addSerializer(Double.class, new Finite())
                        .addSerializer(double.class, new Finite()))
                .build();
    }

    /** A double, or null when it is not a number (a median of nothing, a ratio over zero). */
    static final class Finite extends StdSerializer<Double> {
        Finite() {
            super(Double.class);
        }

        @Override
        public void serialize(Double d, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        }
    }
}
