package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.benchrig.bench.BoardProbe;
import org.benchrig.bench.Rig;
import org.benchrig.command.ConfigOption;
import org.benchrig.command.Table;
import org.benchrig.config.RigConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code benchrig boards}: every board of the rig, probed: state, firmware, heap, filesystem. */
@Command(name = "boards", description = "Probe every board: link, state, MicroPython version, heap, filesystem.")
public final class BoardsCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Mixin
    FormatOption format;
    @Option(names = "--json", hidden = true, description = "the same as --format json (kept for older scripts)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        PrintWriter err = config.err();
        FormatOption.Format f = json ? FormatOption.Format.json : format.format();
        return BoardRoute.run(cfg.dataDir(), config.env().variables(), err, daemon -> viaDaemon(daemon, f, out, err), () -> {
            try (Rig rig = Rig.open(cfg)) {
                rig.setPurpose("benchrig boards");
                return show(BoardProbe.probeAll(rig, "benchrig boards"), f, out);
            }
        });
    }

    /** The daemon probes its boards; the rows are shown as the direct path shows them. */
    @SuppressWarnings("unchecked")
    static int viaDaemon(DaemonClient daemon, FormatOption.Format f, PrintWriter out, PrintWriter err)
            throws DaemonClient.Gone, java.io.IOException {
        DaemonClient.Reply r = daemon.post("api/boards/probe", Map.of(), PROBE_ANSWER);
        var refused = BoardRoute.refused(daemon, r, err);
        return refused.isPresent() ? refused.get() : show((List<Map<String, Object>>) r.body().get("boards"), f, out);
    }

    /** Each board's probe has its own 15 s deadline; the daemon answers after the last. */
    private static final java.time.Duration PROBE_ANSWER = java.time.Duration.ofMinutes(2);

    private static int show(List<Map<String, Object>> rows, FormatOption.Format f, PrintWriter out) {
        print(rows, f, out);
        return rows.stream().allMatch(r -> "READY".equals(r.get("state"))) ? 0 : Main.EXIT_RIG;
    }

    /** Every field a probed row can have, in the order CSV prints them. */
    static final List<String> COLUMNS = List.of("id", "kind", "model", "link", "state", "micropython", "machine",
            "heap_free", "heap_total", "fs_used", "fs_free", "reason");

    static void print(List<Map<String, Object>> rows, FormatOption.Format format, PrintWriter out) {
        switch (format) {
            case json -> Listing.json(rows, out);
            case csv -> Listing.csv(COLUMNS, rows, out);
            default -> table(rows, out);
        }
    }

    private static void table(List<Map<String, Object>> rows, PrintWriter out) {
        Table t = new Table("board", "kind", "link", "state", "micropython", "machine", "heap free/total",
                "fs used/free", "reason");
        for (Map<String, Object> r : rows) {
            t.row(r.get("id"), r.get("kind"), r.get("link"), r.get("state"), r.get("micropython"), r.get("machine"),
                    r.containsKey("heap_free") ? r.get("heap_free") + "/" + r.get("heap_total") + " B" : "",
                    r.containsKey("fs_used") ? r.get("fs_used") + "/" + (r.get("fs_free") == null ? "?" : r.get("fs_free"))
                            + " B" : "",
                    r.get("reason"));
        }
        t.print(out);
    }
}
