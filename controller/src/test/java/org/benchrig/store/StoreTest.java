package org.benchrig.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.benchrig.result.FailureClass;
import org.benchrig.result.HeapUse;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.result.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("data/nested/benchrig.db");
    }

    private static Measurement ok(long runId, String id, String target, int rep, Mode mode) {
        return new Measurement(id, runId, target, "fib", "small", rep, mode, 1_000_000L + rep,
                2_000_000L, new HeapUse(60_000L, 50_000L, 59_000L, null), "832040", Outcome.ok(),
                Instant.parse("2025-01-02T03:04:05.123456789Z"));
    }

    private static List<String> query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Test
    void migrationsCreateTheSchemaAndAreANoOpOnReopen() throws Exception {
        try (Store store = Store.open(db())) {
            assertThat(store.path()).isEqualTo(db().toAbsolutePath());
        }
        assertThat(db()).exists();
        List<String> tables = query(db(),
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        assertThat(tables).contains("runs", "run_targets", "run_benchmarks", "measurements",
                "flyway_schema_history");
        assertThat(query(db(), "SELECT name FROM sqlite_master WHERE type = 'index'"))
                .contains("measurements_run", "measurements_benchmark_target_at");
        assertThat(query(db(), "PRAGMA journal_mode")).containsExactly("wal");
        List<String> history = query(db(),
                "SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank");
        // V1, then every later migration (V2 is the MQTT outbox), each applied successfully
        assertThat(history).startsWith("1:1", "2:1").allMatch(h -> h.endsWith(":1"));

        long runId;
        try (Store store = Store.open(db())) {
            runId = store.startRun("sim", "smoke", List.of("a"), 1, null);
        }
        try (Store store = Store.open(db())) {
            assertThat(store.run(runId)).isPresent();
        }
        assertThat(query(db(), "SELECT count(*) FROM flyway_schema_history")).containsExactly(Integer.toString(history.size()));
    }

    @Test
    void runLifecycleAndMetadata() {
        try (Store store = Store.open(db())) {
            assertThat(store.latestRun()).isEmpty();
            long first = store.startRun("sim", "smoke", List.of("microbit-0", "cpython"), 5, "abc123");
            long second = store.startRun("sim", "nightly", List.of(), 3, null);
            assertThat(second).isGreaterThan(first);

            RunInfo run = store.run(first).orElseThrow();
            assertThat(run.rig()).isEqualTo("sim");
            assertThat(run.suite()).isEqualTo("smoke");
            assertThat(run.state()).isEqualTo(RunState.RUNNING);
            assertThat(run.targets()).containsExactly("microbit-0", "cpython");
            assertThat(run.repetitions()).isEqualTo(5);
            assertThat(run.configHash()).isEqualTo("abc123");
            assertThat(run.controllerPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(run.startedAt()).isBeforeOrEqualTo(Instant.now());
            assertThat(run.endedAt()).isNull();
            assertThat(store.run(second).orElseThrow().targets()).isEmpty();

            store.finishRun(first, RunState.FAILED, "board lost");
            RunInfo finished = store.run(first).orElseThrow();
            assertThat(finished.state()).isEqualTo(RunState.FAILED);
            assertThat(finished.reason()).isEqualTo("board lost");
            assertThat(finished.endedAt()).isAfterOrEqualTo(finished.startedAt());

            assertThat(store.latestRun().orElseThrow().id()).isEqualTo(second);
            assertThat(store.runs(10, 0)).extracting(RunInfo::id).containsExactly(second, first);
            assertThat(store.runs(1, 1)).extracting(RunInfo::id).containsExactly(first);
            assertThat(store.run(999)).isEmpty();
            assertThatThrownBy(() -> store.finishRun(999, RunState.DONE, null))
                    .isInstanceOf(StoreException.class).hasMessageContaining(db().toString());

            TargetInfo board = new TargetInfo("microbit-0", "board", "micropython", "1.9.2", null,
                    "sha256:feed", "v1.9.2-34", "qemu microbit", "{\"icount\":6}");
            TargetInfo host = new TargetInfo("cpython", "host", "cpython", "3.11.2",
                    "/usr/bin/python3", null, null, "x86_64", null);
            store.recordTarget(first, host);
            store.recordTarget(first, board);
            TargetInfo reflashed = new TargetInfo("microbit-0", "board", "micropython", "1.9.2",
                    null, "sha256:beef", "v1.9.2-35", "qemu microbit", null);
            store.recordTarget(first, reflashed);
            assertThat(store.targets(first)).containsExactly(host, reflashed);

            BenchmarkInfo fib = new BenchmarkInfo("fib", "cpu-int", "small", "{\"n\":20}", "h1", "6765");
            store.recordBenchmark(first, fib);
            BenchmarkInfo fib2 = new BenchmarkInfo("fib", "cpu-int", "large", "{\"n\":25}", "h1", "75025");
            store.recordBenchmark(first, fib2);
            BenchmarkInfo alloc = new BenchmarkInfo("alloc", "alloc-gc", "small", null, "h2", null);
            store.recordBenchmark(first, alloc);
            assertThat(store.benchmarks(first)).containsExactly(alloc, fib2);
            assertThat(store.benchmarks(second)).isEmpty();
        }
    }

    @Test
    void measurementsRoundTripFieldByField() {
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("microbit-0", "pypy"), 2, "h");
            Measurement full = ok(runId, "m-1", "pypy", 1, Mode.WARM);
            Measurement nulls = new Measurement("m-2", runId, "pypy", "fib", null, 0, Mode.COLD,
                    null, null, HeapUse.none(), null, Outcome.ok(),
                    Instant.parse("2025-01-02T03:04:05Z"));
            Measurement doesNotFit = new Measurement("m-3", runId, "microbit-0", "bigalloc", "large",
                    0, Mode.COLD, null, 5_000L, new HeapUse(60_000L, null, null, null), null,
                    Outcome.failed(FailureClass.DOES_NOT_FIT, "MemoryError: memory allocation failed"),
                    Instant.parse("2025-01-02T03:04:06.5Z"));
            Measurement wrong = new Measurement("m-4", runId, "microbit-0", "bigalloc", "large",
                    1, Mode.WARM, 7L, null, new HeapUse(1L, 2L, 3L, 4L), "41",
                    Outcome.failed(FailureClass.WRONG_RESULT, "expected 42"),
                    Instant.parse("2025-01-02T03:04:07.000000001Z"));
            for (Measurement m : List.of(full, nulls, doesNotFit, wrong)) {
                assertThat(store.addMeasurement(m)).isTrue();
            }
            // ordered by target, benchmark, mode (cold first), repetition
            List<Measurement> back = store.measurements(runId);
            assertThat(back).containsExactly(doesNotFit, wrong, nulls, full);
            Measurement f = back.get(0);
            assertThat(f.outcome().failure()).isEqualTo(FailureClass.DOES_NOT_FIT);
            assertThat(f.outcome().detail()).isEqualTo("MemoryError: memory allocation failed");
            assertThat(f.timeNs()).isNull();
            assertThat(f.heap().freeAfter()).isNull();
            assertThat(back.get(3).at()).isEqualTo(full.at());
            assertThat(store.measurements(runId + 1)).isEmpty();
        }
    }

    @Test
    void energyRoundTripsAndIsNullWhenNotMeasured() throws Exception {
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("mb1", "cpython"), 1, null);
            org.benchrig.result.Energy e = new org.benchrig.result.Energy(12.5, 23.9, 24.2, 470, 500_000_000L,
                    "ina219@1:0x40 (simulated)", true, "short-window");
            Measurement board = ok(runId, "e-1", "mb1", 0, Mode.COLD).withEnergy(e);
            Measurement host = ok(runId, "e-2", "cpython", 0, Mode.COLD);
            store.addMeasurement(board);
            store.addMeasurement(host);
            List<Measurement> back = store.measurements(runId);
            assertThat(back).containsExactly(host, board);
            assertThat(back.get(1).energy()).isEqualTo(e);
            assertThat(back.get(0).energy()).isNull();
        }
        assertThat(query(db(), "SELECT energy_mj || '/' || simulated || '/' || instrument FROM measurements "
                + "WHERE energy_mj IS NOT NULL")).containsExactly("12.5/1/ina219@1:0x40 (simulated)");
    }

    @Test
    void hostValuesRoundTripThroughStoreRowsAndTheWire() throws Exception {
        org.benchrig.result.HostValue warm = org.benchrig.result.HostValue.warm(4096, 2, 9, false, 150_000_000L);
        org.benchrig.result.HostValue cold = org.benchrig.result.HostValue.cold(1, 40_000_000L, 2_000_000L, 85_000L);
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            Measurement w = new Measurement("w", runId, "pypy", "nbody", "s", 0, Mode.WARM, 36_621L, null,
                    HeapUse.none(), "-1076", Outcome.ok(), Instant.parse("2025-01-02T03:04:05Z"), null, warm);
            Measurement c = new Measurement("c", runId, "pypy", "nbody", "s", 0, Mode.COLD, 85_000L, 120_000_000L,
                    HeapUse.none(), "-1076", Outcome.ok(), Instant.parse("2025-01-02T03:04:05Z"), null, cold);
            store.addMeasurement(w);
            store.addMeasurement(c);
            assertThat(store.measurements(runId)).containsExactly(c, w);
            assertThat(store.measurements(runId).get(1).unsteady()).isTrue();
            var row = org.benchrig.result.MeasurementRows.row(w, "float");
            assertThat(row).containsEntry("host_loops", 4096).containsEntry("host_process", 2)
                    .containsEntry("host_warmups", 9).containsEntry("host_steady", false)
                    .containsEntry("host_value_ns", 150_000_000L).containsEntry("host_startup_ns", null);
            assertThat(org.benchrig.result.MeasurementRows.csv(List.of(row)).lines().findFirst().orElseThrow())
                    .endsWith(",host_loops,host_process,host_warmups,host_steady,host_value_ns,host_startup_ns,"
                            + "host_import_ns,host_first_call_ns,latency_ops,latency_p50_ns,latency_p95_ns,latency_p99_ns");
            var json = org.benchrig.result.MeasurementJson.tree(c);
            assertThat(json.path("host").path("startup_ns").asLong()).isEqualTo(40_000_000L);
            assertThat(json.path("host").path("steady").isNull()).isTrue();
        }
        assertThat(query(db(), "SELECT loops || '/' || steady || '/' || value_ns FROM measurements WHERE id = 'w'"))
                .containsExactly("4096/0/150000000");
    }

    @Test
    void appWorkloadLatencyRoundTripsThroughStoreRowsAndTheWire() throws Exception {
        org.benchrig.result.Latency lat = new org.benchrig.result.Latency(24, 7_123L, 9_618L, 18_184L);
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "default", List.of("mb1"), 1, null);
            Measurement m = new Measurement("lat", runId, "mb1", "webreq", "s", 1, Mode.WARM, 268_910_000L, null,
                    new HeapUse(9000L, 6000L, 8900L, null), "24/1402", Outcome.ok(), Instant.parse("2025-01-02T03:04:05Z"))
                    .withLatency(lat);
            Measurement plain = new Measurement("plain", runId, "mb1", "fib", "s", 1, Mode.WARM, 1L, null,
                    HeapUse.none(), "375", Outcome.ok(), Instant.parse("2025-01-02T03:04:05Z"));
            store.addMeasurement(m);
            store.addMeasurement(plain);
            assertThat(store.measurements(runId)).containsExactlyInAnyOrder(m, plain);
            assertThat(org.benchrig.result.MeasurementRows.row(m, "service")).containsEntry("latency_ops", 24)
                    .containsEntry("latency_p95_ns", 9_618L);
            assertThat(org.benchrig.result.MeasurementJson.tree(m).path("latency").path("p99_ns").asLong()).isEqualTo(18_184L);
            assertThat(org.benchrig.result.MeasurementJson.tree(plain).path("latency").isNull()).isTrue();
        }
        assertThat(query(db(), "SELECT ops || '/' || p50_ns || '/' || p95_ns FROM measurements WHERE id = 'lat'"))
                .containsExactly("24/7123/9618");
    }

    @Test
    void storedColumnsAreReadableFromSql() throws Exception {
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            store.addMeasurement(new Measurement("m", runId, "pypy", "fib", "s", 0, Mode.COLD, 1L,
                    null, HeapUse.none(), null, Outcome.failed(FailureClass.TIMEOUT, "30 s"),
                    Instant.parse("2025-01-02T03:04:05Z")));
        }
        assertThat(query(db(), "SELECT mode || '|' || outcome || '|' || at FROM measurements"))
                .containsExactly("cold|TIMEOUT|2025-01-02T03:04:05.000000000Z");
        assertThat(query(db(), "SELECT state FROM runs")).containsExactly("running");
    }

    @Test
    void nullHeapIsStoredAsNoHeapData() {
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            store.addMeasurement(new Measurement("m", runId, "pypy", "fib", "s", 0, Mode.COLD, 1L,
                    null, null, null, Outcome.ok(), Instant.now()));
            assertThat(store.measurements(runId).get(0).heap()).isEqualTo(HeapUse.none());
        }
    }

    @Test
    void duplicateIdIsIgnored() {
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            Measurement m = ok(runId, "same-id", "pypy", 0, Mode.COLD);
            assertThat(store.addMeasurement(m)).isTrue();
            Measurement again = ok(runId, "same-id", "pypy", 7, Mode.WARM);
            assertThat(store.addMeasurement(again)).isFalse();
            assertThat(store.measurements(runId)).containsExactly(m);
        }
    }

    @Test
    void aMeasurementOfAnUnknownRunFailsLoudly() {
        try (Store store = Store.open(db())) {
            assertThatThrownBy(() -> store.addMeasurement(ok(424242, "x", "pypy", 0, Mode.COLD)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(db().toString())
                    .hasMessageContaining("add measurement x");
        }
    }

    @Test
    void concurrentInsertsFromFourThreadsAreAllStored() throws Exception {
        int threads = 4;
        int perThread = 200;
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("t0", "t1", "t2", "t3"), perThread, null);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String target = "t" + t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            store.addMeasurement(ok(runId, target + "-" + i, target, i, Mode.WARM));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Measurement> stored = store.measurements(runId);
            assertThat(stored).hasSize(threads * perThread);
            assertThat(stored).extracting(Measurement::id).doesNotHaveDuplicates();
            assertThat(stored.subList(0, perThread)).extracting(Measurement::repetition)
                    .isSorted();
        }
    }

    @Test
    void aCommittedMeasurementIsVisibleFromASecondStoreWhileTheFirstIsOpen() {
        try (Store writer = Store.open(db()); Store reader = Store.open(db())) {
            long runId = writer.startRun("sim", "smoke", List.of("pypy"), 2, null);
            assertThat(reader.measurements(runId)).isEmpty();
            Measurement m = ok(runId, "m-1", "pypy", 0, Mode.COLD);
            writer.addMeasurement(m);
            assertThat(reader.measurements(runId)).containsExactly(m);
            assertThat(reader.run(runId).orElseThrow().state()).isEqualTo(RunState.RUNNING);
            // and the other way round: both can write
            Measurement n = ok(runId, "m-2", "pypy", 1, Mode.COLD);
            reader.addMeasurement(n);
            assertThat(writer.measurements(runId)).containsExactly(m, n);
        }
    }

    @Test
    void orphanedRunsOfDeadControllersAreInterrupted() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadPid = gone.pid();
        assertThat(ProcessHandle.of(deadPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        try (Store store = Store.open(db())) {
            long orphan = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            long alive = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            long reused = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            long done = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            store.finishRun(done, RunState.DONE, null);
            store.addMeasurement(ok(orphan, "kept", "pypy", 0, Mode.COLD));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db())) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE runs SET controller_pid = ? WHERE id = ?")) {
                    ps.setLong(1, deadPid);
                    ps.setLong(2, orphan);
                    ps.executeUpdate();
                }
                // our own pid, but recorded as started a day earlier: the pid was reused
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE runs SET controller_start = ? WHERE id = ?")) {
                    ps.setString(1, "2000-01-01T00:00:00.000000000Z");
                    ps.setLong(2, reused);
                    ps.executeUpdate();
                }
            }

            assertThat(store.interruptOrphanedRuns()).isEqualTo(2);

            RunInfo o = store.run(orphan).orElseThrow();
            assertThat(o.state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(o.reason()).isEqualTo("controller died");
            assertThat(o.endedAt()).isNotNull();
            assertThat(store.measurements(orphan)).extracting(Measurement::id).containsExactly("kept");
            assertThat(store.run(reused).orElseThrow().state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(store.run(alive).orElseThrow().state()).isEqualTo(RunState.RUNNING);
            assertThat(store.run(done).orElseThrow().state()).isEqualTo(RunState.DONE);

            assertThat(store.interruptOrphanedRuns()).isZero();
        }
    }

    @Test
    void theMeasurementHookRunsInTheSameTransaction() {
        try (Store store = Store.open(db())) {
            long runId = store.startRun("sim", "smoke", List.of("pypy"), 1, null);
            List<String> seen = new ArrayList<>();
            store.setMeasurementHook((c, m) -> {
                seen.add(m.id());
                if (m.id().equals("poison")) {
                    throw new SQLException("outbox insert failed");
                }
            });
            store.addMeasurement(ok(runId, "fine", "pypy", 0, Mode.COLD));
            store.addMeasurement(ok(runId, "fine", "pypy", 0, Mode.COLD));   // duplicate: no hook
            assertThatThrownBy(() -> store.addMeasurement(ok(runId, "poison", "pypy", 1, Mode.COLD)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("outbox insert failed");
            assertThat(seen).containsExactly("fine", "poison");
            assertThat(store.measurements(runId)).extracting(Measurement::id).containsExactly("fine");
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        Store store = Store.open(db());
        store.close();
        store.close();
        assertThatThrownBy(store::latestRun).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed").hasMessageContaining(db().toString());
    }
}
