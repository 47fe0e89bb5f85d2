package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.benchrig.bench.BoardProbe;
import org.benchrig.bench.Rig;
import org.benchrig.command.ConfigOption;
import org.benchrig.command.Table;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.RigConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code benchrig health [BOARD]}: the health check; a failing board is power-cycled, then quarantined. */
@Command(name = "health", description = "Check boards: link, firmware, free heap. A failing board gets a power cycle "
        + "and a second check; a second failure quarantines it.")
public final class HealthCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(arity = "0..1", paramLabel = "BOARD", description = "one board (default: all)")
    String board;
    @Mixin
    FormatOption format;

    static final List<String> COLUMNS = List.of("board", "health", "micropython", "heap_free", "reason");

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        List<String> ids = board != null ? List.of(board) : cfg.boards().stream().map(BoardConfig::id).toList();
        if (board != null && cfg.board(board).isEmpty()) {
            throw new IllegalArgumentException("no board '" + board + "' in " + cfg.source());
        }
        PrintWriter err = config.err();
        return BoardRoute.run(cfg.dataDir(), config.env().variables(), err, daemon -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("board", board);
            DaemonClient.Reply r = daemon.post("api/boards/health", body, HEALTH_ANSWER.multipliedBy(ids.size()));
            var refused = BoardRoute.refused(daemon, r, err);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) r.body().get("boards");
            return refused.isPresent() ? refused.get() : show(rows, out);
        }, () -> {
            try (Rig rig = Rig.open(cfg)) {
                rig.setPurpose("benchrig health");
                return show(BoardProbe.health(rig, ids, "benchrig health"), out);
            }
        });
    }

    /** A board's check, its recovery (a power cycle: 30 s) and a second check. */
    private static final java.time.Duration HEALTH_ANSWER = java.time.Duration.ofSeconds(90);

    private int show(List<Map<String, Object>> rows, PrintWriter out) {
        switch (format.format()) {
            case json -> Listing.json(rows, out);
            case csv -> Listing.csv(COLUMNS, rows, out);
            default -> {
                Table t = new Table("board", "health", "micropython", "heap free", "reason");
                rows.forEach(r -> t.row(r.get("board"), r.get("health"), r.get("micropython"),
                        r.get("heap_free") == null ? "" : r.get("heap_free") + " B", r.get("reason")));
                t.print(out);
            }
        }
        return rows.stream().allMatch(r -> "healthy".equals(r.get("health"))) ? 0 : Main.EXIT_RIG;
    }
}
