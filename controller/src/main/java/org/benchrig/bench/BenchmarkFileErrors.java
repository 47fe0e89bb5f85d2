package org.benchrig.bench;

import java.util.List;

/**
 * Benchmark files that break their contract, each as {@code FILE:LINE:COL: FIELD: what was
 * expected}; nothing runs until they are fixed (exit code 2, like a config error).
 */
public final class BenchmarkFileErrors extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public BenchmarkFileErrors(List<String> problems) {
        super("benchmark files break their contract; nothing was run:\n" + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
