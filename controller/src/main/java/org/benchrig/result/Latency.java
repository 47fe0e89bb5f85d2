package org.benchrig.result;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Per-operation latency of an app workload over one measurement (one board repetition, one host
 * value of {@code loops} calls, or a cold process's first call): the harness times each operation
 * ({@code bh.op}), keeps the times in the process and reports their nearest-rank percentiles only.
 * Stored and framed under the snake_case names of {@link #NAMES}; JSON and columns by {@link MeasurementJson}.
 *
 * @param ops   operations per call of the benchmark ({@code ops}); throughput = ops / time per call
 * @param p50Ns median operation time ({@code p50_ns})
 * @param p95Ns 95th percentile ({@code p95_ns})
 * @param p99Ns 99th percentile ({@code p99_ns})
 */
public record Latency(int ops, long p50Ns, long p95Ns, long p99Ns) {

    /** The snake_case names, in this order, of the harness's frame fields and the store's columns. */
    public static final List<String> NAMES = List.of("ops", "p50_ns", "p95_ns", "p99_ns");

    /** From the fields of {@link #NAMES} (a frame, a row, a JSON object); null unless all are there and ops > 0. */
    public static Latency of(Function<String, Long> field) {
        Long[] v = NAMES.stream().map(field).toArray(Long[]::new);
        if (Arrays.asList(v).contains(null) || v[0] < 1) {
            return null;
        }
        return new Latency(v[0].intValue(), v[1], v[2], v[3]);
    }

    /** Operations per second at {@code timeNs} per call of the benchmark. */
    public double perSecond(double timeNs) {
        return timeNs <= 0 ? Double.NaN : ops * 1e9 / timeNs;
    }
}
