package org.benchrig.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Function;
import org.benchrig.result.Energy;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Latency;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;

/**
 * How a {@link Measurement} is a row of {@code measurements}: the one column list (written in this
 * order, read back by name) and the reading. An absent part (energy, host details, latency) is all
 * NULL; a missing heap reads back as {@link HeapUse#none()}.
 */
final class MeasurementColumns {

    static final Columns<Measurement> COLUMNS = Columns.<Measurement>of("measurements")
            .column("id", Measurement::id)
            .column("run_id", Measurement::runId)
            .column("target", Measurement::target)
            .column("benchmark", Measurement::benchmark)
            .column("tier", Measurement::tier)
            .column("repetition", Measurement::repetition)
            .column("mode", m -> m.mode().name().toLowerCase(Locale.ROOT))
            .column("time_ns", Measurement::timeNs)
            .column("wall_ns", Measurement::wallNs)
            .column("free_before", heap(HeapUse::freeBefore))
            .column("free_after", heap(HeapUse::freeAfter))
            .column("free_after_collect", heap(HeapUse::freeAfterCollect))
            .column("peak_rss_kb", heap(HeapUse::peakRssKb))
            .column("check_value", Measurement::check)
            .column("outcome", m -> m.outcome().label())
            .column(Sql.FAILURE_DETAIL, m -> m.outcome().detail())
            .column("at", Measurement::at)
            .column("energy_mj", energy(Energy::millijoules))
            .column("avg_ma", energy(Energy::averageMilliamps))
            .column("peak_ma", energy(Energy::peakMilliamps))
            .column("energy_samples", energy(Energy::samples))
            .column("energy_window_ns", energy(Energy::windowNs))
            .column("instrument", energy(Energy::instrument))
            .column("simulated", energy(Energy::simulated))
            .column("energy_flags", energy(e -> e.flags() == null ? "" : e.flags()))
            .column("loops", host(HostValue::loops))
            .column("process", host(HostValue::process))
            .column("warmups", host(HostValue::warmups))
            .column("steady", host(HostValue::steady))
            .column("value_ns", host(HostValue::valueNs))
            .column("startup_ns", host(HostValue::startupNs))
            .column("import_ns", host(HostValue::importNs))
            .column("first_call_ns", host(HostValue::firstCallNs))
            .column("ops", latency(Latency::ops))
            .column("p50_ns", latency(Latency::p50Ns))
            .column("p95_ns", latency(Latency::p95Ns))
            .column("p99_ns", latency(Latency::p99Ns))
            .build();

    private MeasurementColumns() {
    }

    static Measurement read(Sql.Cells r) throws SQLException {
        return new Measurement(
                r.text("id"),
                r.int64("run_id"),
                r.text("target"),
                r.text("benchmark"),
                r.text("tier"),
                r.int32("repetition"),
                Mode.valueOf(r.text("mode").toUpperCase(Locale.ROOT)),
                r.integer("time_ns"),
                r.integer("wall_ns"),
                new HeapUse(r.integer("free_before"), r.integer("free_after"),
                        r.integer("free_after_collect"), r.integer("peak_rss_kb")),
                r.text("check_value"),
                r.outcome("outcome"),
                r.instant("at"),
                energy(r),
                host(r),
                latency(r));
    }

    private static Energy energy(Sql.Cells r) throws SQLException {
        Double mj = r.real("energy_mj");
        if (mj == null) {
            return null;
        }
        String flags = r.text("energy_flags");
        return new Energy(mj, r.real("avg_ma"), r.real("peak_ma"), r.int32("energy_samples"),
                r.int64("energy_window_ns"), r.text("instrument"), Boolean.TRUE.equals(r.flag("simulated")),
                flags == null ? "" : flags);
    }

    private static HostValue host(Sql.Cells r) throws SQLException {
        Long loops = r.integer("loops");
        if (loops == null) {
            return null;
        }
        return new HostValue(loops.intValue(), r.int32("process"), r.int32("warmups"), r.flag("steady"),
                r.integer("value_ns"), r.integer("startup_ns"), r.integer("import_ns"), r.integer("first_call_ns"));
    }

    private static Latency latency(Sql.Cells r) throws SQLException {
        Long ops = r.integer("ops");
        return ops == null ? null
                : new Latency(ops.intValue(), r.int64("p50_ns"), r.int64("p95_ns"), r.int64("p99_ns"));
    }

    private static Function<Measurement, Object> heap(Function<HeapUse, Object> field) {
        return part(Measurement::heap, field);
    }

    private static Function<Measurement, Object> energy(Function<Energy, Object> field) {
        return part(Measurement::energy, field);
    }

    private static Function<Measurement, Object> host(Function<HostValue, Object> field) {
        return part(Measurement::host, field);
    }

    private static Function<Measurement, Object> latency(Function<Latency, Object> field) {
        return part(Measurement::latency, field);
    }

    /** A field of an optional part of the measurement: NULL when the part is absent. */
    private static <P> Function<Measurement, Object> part(Function<Measurement, P> part, Function<P, Object> field) {
        return m -> {
            P p = part.apply(m);
            return p == null ? null : field.apply(p);
        };
    }
}
