package org.benchrig.config;

/** Defaults for a run when the command line does not say otherwise. */
public record RunDefaults(String suite, int repetitions, int benchmarkTimeoutSeconds) {

    public static final RunDefaults DEFAULT = new RunDefaults("default", 5, 120);

    static RunDefaults read(MappingReader m) {
        return new RunDefaults(
                m.string("suite", DEFAULT.suite()),
                m.integer("repetitions", 1, 1000, DEFAULT.repetitions()),
                m.integer("benchmark_timeout_s", 1, 86_400, DEFAULT.benchmarkTimeoutSeconds()));
    }
}
