package org.benchrig.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Where the time goes" in one sampled profile: the shares of time in Python code, in built-ins/C
 * (a {@code [built-in]} leaf) and waiting (a {@code [waiting]} leaf), and the functions with the
 * most self time (the leaf frame of a stack).
 *
 * @param totalUs microseconds sampled (CPU time plus waiting time)
 */
public record TimeShares(long totalUs, double python, double builtin, double waiting, List<SelfTime> top) {
    /** How many self-time functions a summary lists. */
    public static final int TOP = 5;

    /** One function's self time and its share of the total. */
    public record SelfTime(String function, long us, double share) {
    }

    public TimeShares {
        top = List.copyOf(top);
    }

    public static TimeShares of(FoldedStacks folded) {
        long total = folded.totalUs();
        long builtin = 0;
        long waiting = 0;
        Map<String, Long> self = new LinkedHashMap<>();
        for (FoldedStacks.Stack s : folded.stacks()) {
            String leaf = s.leaf();
            if (leaf.startsWith(FoldedStacks.BUILTIN)) {
                builtin += s.weightUs();
            } else if (leaf.startsWith(FoldedStacks.WAITING)) {
                waiting += s.weightUs();
            }
            self.merge(leaf, s.weightUs(), Long::sum);
        }
        double t = Math.max(1, total);
        List<SelfTime> top = self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> new SelfTime(e.getKey(), e.getValue(), e.getValue() / t)).toList();
        if (total == 0) {
            return new TimeShares(0, 0, 0, 0, top);
        }
        return new TimeShares(total, (total - builtin - waiting) / t, builtin / t, waiting / t, top);
    }

    /** The self-time function with the most time, or empty when nothing was sampled. */
    public String hottest() {
        return top.isEmpty() ? "" : top.get(0).function();
    }
}
