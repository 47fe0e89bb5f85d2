package org.benchrig.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every raw measurement as a flat row, the same for the CLI's CSV/JSON and the web's downloads
 * and API: {@link MeasurementJson}'s tree with one rule, a nested field {@code energy.average_milliamps}
 * becomes column {@code energy_average_milliamps}, plus the benchmark's workload {@code class}.
 * So the formats cannot drift apart, nor from MQTT's.
 */
public final class MeasurementRows {
    /** The column added beside the measurement's own: the benchmark's workload class (from the run's benchmarks). */
    public static final String CLASS = "class";

    /** Every column in order: those of a measurement with every part set, {@link #CLASS} after {@code benchmark}. */
    public static final List<String> COLUMNS = columns();

    private MeasurementRows() {
    }

    private static List<String> columns() {
        Measurement every = new Measurement("", 0, "", "", "", 0, Mode.COLD, 0L, 0L, new HeapUse(0L, 0L, 0L, 0L), "",
                Outcome.ok(), Instant.EPOCH, new Energy(0, 0, 0, 0, 0, "", false, ""),
                HostValue.warm(1, 0, 0, true, 0), new Latency(1, 0, 0, 0));
        List<String> c = new ArrayList<>(flat(every).keySet());
        c.add(c.indexOf("benchmark") + 1, CLASS);
        return List.copyOf(c);
    }

    /** The measurement's fields under their column names (a part that is null has no columns here). */
    static Map<String, Object> flat(Measurement m) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", MeasurementJson.tree(m), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        node.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (v.isObject()) {
                flatten(prefix + f.getKey() + "_", v, out);
            } else {
                out.put(prefix + f.getKey(), v.isNull() ? null : v.isTextual() ? v.textValue()
                        : v.isBoolean() ? v.booleanValue() : v.numberValue());
            }
        });
    }

    /** One measurement with the {@link #COLUMNS} (null where it has no value); {@code workloadClass} from its run. */
    public static Map<String, Object> row(Measurement m, String workloadClass) {
        Map<String, Object> fields = flat(m);
        Map<String, Object> r = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            r.put(c, c.equals(CLASS) ? workloadClass : fields.get(c));
        }
        return r;
    }

    public static List<Map<String, Object>> rows(List<Measurement> ms, Function<String, String> classOfBenchmark) {
        return ms.stream().map(m -> row(m, classOfBenchmark.apply(m.benchmark()))).toList();
    }

    /** CSV with a header line, columns in {@link #COLUMNS} order. */
    public static String csv(List<Map<String, Object>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try {
            return new CsvMapper().writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV: " + e.getMessage(), e);
        }
    }
}
