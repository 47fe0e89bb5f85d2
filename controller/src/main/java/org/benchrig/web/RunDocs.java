package org.benchrig.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.bench.EnergySummary;
import org.benchrig.bench.ResultRow;
import org.benchrig.result.MeasurementRows;
import org.benchrig.result.Mode;
import org.benchrig.store.BenchmarkInfo;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import org.benchrig.store.TargetInfo;

/**
 * What the API says about a run: its record, its summary (a row per benchmark x target x mode,
 * {@link ResultRow}'s, with energy and the first failure's detail) and its measurement rows (the
 * exports' rows).
 */
final class RunDocs {
    private final Store store;

    RunDocs(Store store) {
        this.store = store;
    }

    /** A run as every list and document names it; {@code durationS} runs on while the run does. */
    record RunView(long id, String rig, String suite, String state, List<String> targets, int repetitions,
                   Instant startedAt, Instant endedAt, Double durationS, String reason, String configHash) {

        static RunView of(RunInfo r) {
            Instant end = r.endedAt() != null ? r.endedAt() : Instant.now();
            return new RunView(r.id(), r.rig(), r.suite(), r.state().dbValue(), r.targets(), r.repetitions(),
                    r.startedAt(), r.endedAt(),
                    r.startedAt() == null ? null : Duration.between(r.startedAt(), end).toMillis() / 1000.0,
                    r.reason(), r.configHash());
        }
    }

    /** The run page's document: the run, its targets and benchmarks, a summary row per group, the downloads. */
    record Detail(@JsonUnwrapped RunView run, List<TargetInfo> targetInfo, List<BenchmarkInfo> benchmarks,
                  List<SummaryRow> rows, Map<String, String> downloads) {
    }

    /** {@code measurements.json}: the run and its measurement rows. */
    record Export(@JsonUnwrapped RunView run, List<Map<String, Object>> measurements) {
    }

    /**
     * One summary row as the API shows it: times over successful repetitions (ns), failures counted
     * by class in {@code outcomes}.
     *
     * @param spreadPercent median absolute deviation / median, null with one repetition
     */
    record SummaryRow(String benchmark, @JsonProperty("class") String workloadClass, String target, Mode mode,
                      String tier, int n, double medianNs, double minNs, double maxNs, double madNs, Double spreadPercent,
                      double wallMedianNs, Long heapUsed, Long peakRssKb, EnergySummary energy,
                      Map<String, Long> outcomes, String outcome, String failureDetail) {

        static SummaryRow of(ResultRow row, String workloadClass) {
            return new SummaryRow(row.benchmark(), workloadClass, row.target(), row.mode(), row.tier(), row.time().n(),
                    row.time().median(), row.time().min(), row.time().max(), row.time().mad(),
                    row.time().n() > 1 ? row.time().spreadRatioPercent() : null, row.wall().median(), row.heapUsed(),
                    row.peakRssKb(), row.energy(), row.outcomes(), row.outcomeLabel(), row.failureDetail());
        }
    }

    Detail detail(RunInfo r) {
        List<BenchmarkInfo> benches = store.benchmarks(r.id());
        Map<String, String> classes = classes(benches);
        List<SummaryRow> rows = ResultRow.summarize(store.measurements(r.id())).stream()
                .map(row -> SummaryRow.of(row, classes.get(row.benchmark()))).toList();
        return new Detail(RunView.of(r), store.targets(r.id()), benches, rows,
                Map.of("csv", "/api/runs/" + r.id() + "/measurements.csv",
                        "json", "/api/runs/" + r.id() + "/measurements.json"));
    }

    /** The run's measurements as the exports' rows (docs/api.md). */
    List<Map<String, Object>> rows(long runId) {
        Map<String, String> classes = classes(store.benchmarks(runId));
        return store.measurements(runId).stream().map(m -> MeasurementRows.row(m, classes.get(m.benchmark()))).toList();
    }

    private static Map<String, String> classes(List<BenchmarkInfo> benches) {
        Map<String, String> classes = new LinkedHashMap<>();
        benches.forEach(b -> classes.put(b.name(), b.workloadClass()));
        return classes;
    }

    /** JSON has no NaN or infinity: a value that is not a number is null. */
    static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
