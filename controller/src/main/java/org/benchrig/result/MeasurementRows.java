package org.benchrig.result;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every raw measurement as a flat row, the same for the CLI's CSV/JSON and the web's downloads
 * and API, so the formats cannot drift apart.
 */
public final class MeasurementRows {
    public static final List<String> COLUMNS = Stream.concat(Stream.of("id", "run", "target", "benchmark", "class", "tier",
            "mode", "repetition", "time_ns", "wall_ns", "heap_free_before", "heap_free_after", "heap_free_after_collect",
            "peak_rss_kb", "check", "outcome", "failure_detail", "at", "energy_mj", "avg_ma", "peak_ma", "energy_samples",
            "energy_window_ns", "instrument", "energy_simulated", "energy_flags"),
            Stream.concat(HostValue.NAMES.stream(), Latency.NAMES.stream())).toList();

    private MeasurementRows() {
    }

    /** One measurement with the {@link #COLUMNS}; {@code workloadClass} comes from the run's benchmarks. */
    public static Map<String, Object> row(Measurement m, String workloadClass) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", m.id());
        r.put("run", m.runId());
        r.put("target", m.target());
        r.put("benchmark", m.benchmark());
        r.put("class", workloadClass);
        r.put("tier", m.tier());
        r.put("mode", m.mode().name().toLowerCase());
        r.put("repetition", m.repetition());
        r.put("time_ns", m.timeNs());
        r.put("wall_ns", m.wallNs());
        r.put("heap_free_before", m.heap().freeBefore());
        r.put("heap_free_after", m.heap().freeAfter());
        r.put("heap_free_after_collect", m.heap().freeAfterCollect());
        r.put("peak_rss_kb", m.heap().peakRssKb());
        r.put("check", m.check());
        r.put("outcome", m.outcome().label());
        r.put("failure_detail", m.outcome().detail());
        r.put("at", m.at().toString());
        Energy e = m.energy();
        r.put("energy_mj", e == null ? null : e.millijoules());
        r.put("avg_ma", e == null ? null : e.averageMilliamps());
        r.put("peak_ma", e == null ? null : e.peakMilliamps());
        r.put("energy_samples", e == null ? null : e.samples());
        r.put("energy_window_ns", e == null ? null : e.windowNs());
        r.put("instrument", e == null ? null : e.instrument());
        r.put("energy_simulated", e == null ? null : e.simulated());
        r.put("energy_flags", e == null ? null : e.flags());
        HostValue.putAll(m.host(), r::put);
        Latency.putAll(m.latency(), r::put);
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
