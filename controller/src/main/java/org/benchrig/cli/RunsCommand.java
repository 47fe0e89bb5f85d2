package org.benchrig.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.benchrig.command.ConfigOption;
import org.benchrig.command.Table;
import org.benchrig.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code benchrig runs}: the stored runs, newest first. */
@Command(name = "runs", description = "List stored runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Option(names = "--limit", defaultValue = "20", description = "how many (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--offset", defaultValue = "0", description = "skip this many newer runs")
    int offset;
    @Mixin
    FormatOption format;

    static final List<String> COLUMNS = List.of("id", "state", "suite", "targets", "repetitions", "started_at",
            "ended_at", "duration_s", "reason");

    @Override
    public Integer call() throws Exception {
        List<RunInfo> runs;
        try (RunStore stored = RunStore.open(config.load())) {
            runs = stored.store().runs(limit, offset);
        }
        PrintWriter out = config.out();
        switch (format.format()) {
            case json -> Listing.json(runs.stream().map(RunsCommand::fields).toList(), out);
            case csv -> Listing.csv(COLUMNS, runs.stream().map(RunsCommand::fields).toList(), out);
            default -> table(runs, out);
        }
        return 0;
    }

    private static void table(List<RunInfo> runs, PrintWriter out) {
        Table t = new Table("run", "state", "suite", "targets", "reps", "started", "duration", "reason");
        for (RunInfo r : runs) {
            Long seconds = durationSeconds(r);
            t.row(r.id(), r.state().name().toLowerCase(), r.suite(), String.join(",", r.targets()), r.repetitions(),
                    r.startedAt(), seconds == null ? "" : seconds + " s", r.reason());
        }
        t.print(out);
    }

    /** One run for tools: the table's facts with full timestamps. */
    static Map<String, Object> fields(RunInfo r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("state", r.state().name().toLowerCase());
        m.put("suite", r.suite());
        m.put("targets", r.targets());
        m.put("repetitions", r.repetitions());
        m.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("ended_at", r.endedAt() == null ? null : r.endedAt().toString());
        m.put("duration_s", durationSeconds(r));
        m.put("reason", r.reason());
        return m;
    }

    private static Long durationSeconds(RunInfo r) {
        return r.endedAt() == null || r.startedAt() == null ? null : Duration.between(r.startedAt(), r.endedAt()).toSeconds();
    }
}
