package org.benchrig.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.benchrig.config.StatsSettings;
import org.benchrig.result.Measurement;
import org.benchrig.stats.StepDetector;
import org.benchrig.store.RunInfo;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;

/**
 * Regression detection over history: after each finished run, every benchmark x target x mode of
 * the same suite is searched for steps ({@link StepDetector}) over the last {@value #HISTORY}
 * done runs. A step is stored once in {@code alerts} (the web UI's history marks them) and handed
 * to every {@link Listener}: the MQTT publisher registers one to publish
 * {@code benchrig/<rig>/alerts} (retained, latest).
 */
public final class Regressions {
    public static final int HISTORY = 60;

    /** Receives each new alert once, on the thread that finished the run. Must not throw. */
    @FunctionalInterface
    public interface Listener {
        void alert(Store.AlertRow alert);
    }

    private final Store store;
    private final StatsSettings settings;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public Regressions(Store store, StatsSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public Regressions addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
        return this;
    }

    /** Searches the history of {@code runId}'s suite up to that run; returns the alerts that are new. */
    public List<Store.AlertRow> afterRun(long runId) {
        RunInfo run = store.run(runId).orElseThrow();
        List<RunInfo> history = new ArrayList<>(store.runs(HISTORY * 4, 0).stream()
                .filter(r -> r.id() <= runId && r.state() == RunState.DONE && r.suite().equals(run.suite()))
                .limit(HISTORY).toList());
        java.util.Collections.reverse(history);
        Map<String, List<StepDetector.Night>> series = new TreeMap<>();
        for (RunInfo r : history) {
            Map<String, List<Double>> values = new TreeMap<>();
            for (Measurement m : store.measurements(r.id())) {
                if (m.outcome().isOk() && m.timeNs() != null) {
                    values.computeIfAbsent(m.benchmark() + "\u0000" + m.target() + "\u0000" + m.mode(), k -> new ArrayList<>())
                            .add(m.timeNs().doubleValue());
                }
            }
            values.forEach((k, v) -> series.computeIfAbsent(k, x -> new ArrayList<>())
                    .add(new StepDetector.Night(r.id(), r.startedAt(), v.stream().mapToDouble(Double::doubleValue).toArray())));
        }
        List<Store.AlertRow> fresh = new ArrayList<>();
        for (var e : series.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            for (StepDetector.Step s : StepDetector.detect(e.getValue(), settings)) {
                store.addAlert(new Store.AlertRow(0, run.rig(), k[0], k[1], k[2].toLowerCase(java.util.Locale.ROOT),
                        s.night().runId(), s.night().at(), s.before(), s.after(), s.change(), s.p(),
                        s.change() > 0 ? "slower" : "faster", clock.instant(), runId)).ifPresent(fresh::add);
            }
        }
        for (Store.AlertRow a : fresh) {
            for (Listener l : listeners) {
                try {
                    l.alert(a);
                } catch (RuntimeException ex) {
                    System.err.println("benchrig: alert listener failed: " + ex);
                }
            }
        }
        return fresh;
    }
}
