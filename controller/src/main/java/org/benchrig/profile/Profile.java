package org.benchrig.profile;

import java.util.Map;

/**
 * A profile of one benchmark on one target: sampled folded stacks and the cProfile table, with
 * how they were taken. A target that cannot be profiled (a board) has outcome {@code unsupported}
 * and says why in {@code detail}; a failed one says what failed.
 *
 * @param meta interpreter, version, rate, counts and durations, as profrun.py reported them
 */
public record Profile(String target, String benchmark, String tier, String outcome, String detail,
                      Map<String, String> meta, FoldedStacks stacks, CallTable table) {
    public static final String OK = "ok";
    public static final String UNSUPPORTED = "unsupported";
    public static final String FAILED = "failed";

    public Profile {
        meta = Map.copyOf(meta);
    }

    static Profile failed(String target, String benchmark, String tier, String why) {
        return new Profile(target, benchmark, tier, FAILED, why, Map.of(), new FoldedStacks(java.util.List.of()),
                new CallTable(java.util.List.of()));
    }

    public TimeShares shares() {
        return TimeShares.of(stacks);
    }
}
