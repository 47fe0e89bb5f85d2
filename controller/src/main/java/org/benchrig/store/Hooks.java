package org.benchrig.store;

import java.util.Objects;

/**
 * What runs inside the store's own transactions (the outbox's rows), installed after opening:
 * one per new measurement, one per run start and end. None until installed.
 */
final class Hooks {
    private volatile MeasurementHook measurement = MeasurementHook.NONE;
    private volatile RunHook run = RunHook.NONE;

    MeasurementHook measurement() {
        return measurement;
    }

    RunHook run() {
        return run;
    }

    void install(MeasurementHook hook) {
        this.measurement = Objects.requireNonNull(hook);
    }

    void install(RunHook hook) {
        this.run = Objects.requireNonNull(hook);
    }
}
