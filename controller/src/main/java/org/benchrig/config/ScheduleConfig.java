package org.benchrig.config;

import java.util.Arrays;
import java.util.List;

/**
 * One scheduled run: {@code {cron: "0 2 * * *", suite: nightly, targets: all}}.
 *
 * @param cron        five-field Unix cron, in the controller's time zone
 * @param targets     target ids, or ["all"]; written as "all" or "mb1,cpython"
 * @param repetitions null: the config's run.repetitions
 */
public record ScheduleConfig(String cron, String suite, List<String> targets, Integer repetitions) {

    public ScheduleConfig {
        targets = List.copyOf(targets);
    }

    /** A stable key for this schedule's persisted state (last fired slot). */
    public String key() {
        return cron + " | " + suite + " | " + String.join(",", targets);
    }

    static ScheduleConfig read(MappingReader m) {
        String cron = m.cron("cron");
        String suite = m.string("suite", "nightly");
        String targets = m.string("targets", "all");
        int reps = m.integer("repetitions", 1, 1000, 0);
        return new ScheduleConfig(cron, suite,
                Arrays.stream(targets.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(),
                reps == 0 ? null : reps);
    }
}
