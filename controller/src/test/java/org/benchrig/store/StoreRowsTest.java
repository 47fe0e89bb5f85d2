package org.benchrig.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.benchrig.result.Energy;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.HostValue;
import org.benchrig.result.Latency;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.result.WarmupValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every table's typed column mapping: what goes in comes out unchanged, null parts included. */
class StoreRowsTest {

    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2025-03-04T05:06:07.123456789Z");

    @Test
    void aMeasurementWithEveryFieldSetAndOneWithEveryOptionalPartNullRoundTrip() {
        try (Store store = Store.open(dir.resolve("b.db"))) {
            long run = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            Measurement full = new Measurement("full", run, "pypy", "webreq", "m", 3, Mode.WARM, 11L, 12L,
                    new HeapUse(1L, 2L, 3L, 4L), "check", Outcome.failed(FailureClass.WRONG_RESULT, "expected 5"), AT,
                    new Energy(1.5, 2.25, 3.125, 7, 8L, "ina219@1:0x40", true, "short-window"),
                    new HostValue(16, 2, 5, true, 176L, 9L, 10L, 13L), new Latency(24, 100L, 200L, 300L));
            Measurement bare = new Measurement("bare", run, "pypy", "webreq", null, 0, Mode.COLD, null, null,
                    new HeapUse(null, null, null, null), null, Outcome.ok(), AT, null, null, null);
            Measurement coldHost = new Measurement("cold", run, "pypy", "webreq", "m", 1, Mode.COLD, 5L, 6L,
                    HeapUse.none(), "check", Outcome.ok(), AT, null, HostValue.cold(1, null, 7L, 5L), null);
            for (Measurement m : List.of(full, bare, coldHost)) {
                assertThat(store.addMeasurement(m)).isTrue();
            }
            assertThat(store.measurements(run)).containsExactly(bare, coldHost, full);
            assertThat(store.history("webreq", "pypy", 10)).containsExactlyInAnyOrder(full, bare, coldHost);
            assertThat(store.historyTargets("webreq")).containsExactly("pypy");
        }
    }

    @Test
    void aRowWrittenBySqlAsEarlierVersionsWroteItReadsBack() throws Exception {
        Path db = dir.resolve("old.db");
        long run;
        try (Store store = Store.open(db)) {
            run = store.startRun("sim", "smoke", List.of("mb"), 1, null);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO measurements (id, run_id, target, benchmark, tier, repetition, mode, time_ns, "
                    + "outcome, at, energy_mj, avg_ma, peak_ma, energy_samples, energy_window_ns, instrument, simulated) "
                    + "VALUES ('old', " + run + ", 'mb', 'fib', 's', 0, 'warm', 42, 'ok', "
                    + "'2025-01-02T03:04:05.000000000Z', 1.0, 2.0, 3.0, 4, 5, 'ina', 0)");
        }
        try (Store store = Store.open(db)) {
            Measurement m = store.measurements(run).get(0);
            assertThat(m.mode()).isEqualTo(Mode.WARM);
            assertThat(m.timeNs()).isEqualTo(42L);
            assertThat(m.heap()).isEqualTo(HeapUse.none());
            assertThat(m.at()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
            assertThat(m.energy()).isEqualTo(new Energy(1.0, 2.0, 3.0, 4, 5L, "ina", false, ""));
            assertThat(m.host()).isNull();
            assertThat(m.latency()).isNull();
        }
    }

    @Test
    void alertsAreStoredOncePerStepWithTheirIds() {
        try (Store store = Store.open(dir.resolve("a.db"))) {
            long run = store.startRun("sim", "nightly", List.of("pypy"), 1, null);
            Store.AlertRow slower = new Store.AlertRow(0, "sim", "fib", "pypy", "warm", run, AT, 100.0, 125.5,
                    0.255, 0.001, "slower", AT.plusSeconds(60), run);
            Store.AlertRow faster = new Store.AlertRow(0, "sim", "nbody", "pypy", "cold", run, AT, 100.0, 80.0,
                    -0.2, 0.01, "faster", AT.plusSeconds(61), null);
            Store.AlertRow first = store.addAlert(slower).orElseThrow();
            assertThat(first.id()).isPositive();
            assertThat(first).isEqualTo(slower.withId(first.id()));
            assertThat(store.addAlert(slower)).isEmpty();
            Store.AlertRow second = store.addAlert(faster).orElseThrow();
            assertThat(store.alerts(10)).containsExactly(second, first);
            assertThat(store.alerts(1)).containsExactly(second);
        }
    }

    @Test
    void scheduleSlotsWarmupValuesTrialsAndProfilesRoundTrip() {
        try (Store store = Store.open(dir.resolve("s.db"))) {
            assertThat(store.lastScheduleSlot("nightly")).isEmpty();
            store.recordScheduleSlot("nightly", AT, "run 1");
            store.recordScheduleSlot("nightly", AT.plusSeconds(86_400), "run 2");
            assertThat(store.lastScheduleSlot("nightly")).contains(AT.plusSeconds(86_400));

            long run = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            WarmupRecords warmups = new WarmupRecords(store);
            List<WarmupValue> values = List.of(new WarmupValue("pypy", "fib", 0, 0, 8, 900L),
                    new WarmupValue("pypy", "fib", 0, 1, 8, 700L));
            warmups.add(run, values);
            warmups.add(run, values);   // again: replaces, no duplicates
            assertThat(warmups.of(run)).containsExactlyElementsOf(values);

            ScalingRecords trials = new ScalingRecords(store);
            ScalingPoint ok = new ScalingPoint(run, "pypy", "cpu", "threads", 4, 0, 400L, 5_000L, 12L, 2, Outcome.ok());
            ScalingPoint lost = new ScalingPoint(run, "pypy", "cpu", "threads", 8, 0, null, null, null, 2,
                    Outcome.failed(FailureClass.TIMEOUT, "30 s"));
            trials.add(ok);
            trials.add(lost);
            assertThat(trials.of(run)).containsExactly(ok, lost);

            ProfileRecords profiles = new ProfileRecords(store);
            ProfileRecords.Row row = new ProfileRecords.Row(0, run, "pypy", "fib", "s", "ok", null, "{\"hz\":99}",
                    "main;fib 12\n", "fib\t12\n");
            long id = profiles.add(row);
            ProfileRecords.Row stored = new ProfileRecords.Row(id, run, "pypy", "fib", "s", "ok", null, "{\"hz\":99}",
                    "main;fib 12\n", "fib\t12\n");
            assertThat(profiles.ofRun(run)).containsExactly(stored);
            assertThat(profiles.byId(id)).contains(stored);
            assertThat(profiles.byId(id + 1)).isEmpty();
        }
    }

    @Test
    void aHubMapsEachRigRunOnceAndFillsInItsPlaceholder() {
        try (Store store = Store.openWithoutOutbox(dir.resolve("hub.db"))) {
            HubStore hub = new HubStore(store);
            long placeholder = hub.run("rig-a", 7, null, null, null, null);
            assertThat(store.run(placeholder).orElseThrow().suite()).isEqualTo("?");
            assertThat(hub.run("rig-a", 7, "smoke", List.of("pypy", "mb"), 3, AT)).isEqualTo(placeholder);
            long other = hub.run("rig-b", 7, "nightly", List.of("pypy"), 1, AT);
            assertThat(other).isNotEqualTo(placeholder);
            RunInfo filled = store.run(placeholder).orElseThrow();
            assertThat(filled.suite()).isEqualTo("smoke");
            assertThat(filled.targets()).containsExactly("pypy", "mb");
            assertThat(filled.startedAt()).isEqualTo(AT);
            hub.finish("rig-a", 7, RunState.DONE, null, AT.plusSeconds(5));
            assertThat(store.run(placeholder).orElseThrow().state()).isEqualTo(RunState.DONE);
            assertThat(store.run(placeholder).orElseThrow().endedAt()).isEqualTo(AT.plusSeconds(5));
            hub.rigStatus("rig-a", "online");
            hub.rigStatus("rig-a", "offline");
            hub.boardState("rig-a", "mb", "{\"state\":\"idle\"}");
            assertThat(hub.rigs()).containsExactly(java.util.Map.entry("rig-a", "offline"));
            assertThat(hub.mappedRuns()).containsExactly(new HubStore.MappedRun("rig-a", 7, placeholder),
                    new HubStore.MappedRun("rig-b", 7, other));
        }
    }

    @Test
    void componentNamesBecomeSnakeCaseColumns() {
        assertThat(RecordRows.snakeCase("firmwareHash")).isEqualTo("firmware_hash");
        assertThat(RecordRows.snakeCase("pValue")).isEqualTo("p_value");
        assertThat(RecordRows.snakeCase("stepRunId")).isEqualTo("step_run_id");
        assertThat(RecordRows.snakeCase("kind")).isEqualTo("kind");
    }
}
