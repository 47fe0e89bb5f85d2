package org.benchrig.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.board.Board;
import org.benchrig.board.BoardInfo;
import org.benchrig.board.BoardModels;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.RigConfig;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig boards}: every board of the rig, probed: state, firmware, heap, filesystem. */
@Command(name = "boards", description = "Probe every board: link, state, MicroPython version, heap, filesystem.")
public final class BoardsCommand implements Callable<Integer> {
    private static final Duration PROBE_WAIT = Duration.ofSeconds(15);

    @ParentCommand
    BenchrigCommand parent;
    @Mixin
    ConfigOption config;
    @Mixin
    FormatOption format;
    @Option(names = "--json", hidden = true, description = "the same as --format json (kept for older scripts)")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load(parent.env);
        try (Rig rig = Rig.open(cfg)) {
            rig.setPurpose("benchrig boards");
            List<Map<String, Object>> rows = probeAll(rig);
            print(rows, json ? FormatOption.Format.json : format.format(), spec.commandLine().getOut());
            return rows.stream().allMatch(r -> "READY".equals(r.get("state"))) ? 0 : Main.EXIT_RIG;
        }
    }

    /** One row per board: what a lab member checks before a run. A board that fails shows why. */
    static List<Map<String, Object>> probeAll(Rig rig) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BoardConfig bc : rig.config().boards()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", bc.id());
            row.put("kind", bc.kind().name().toLowerCase());
            row.put("model", bc.model());
            var record = rig.record(bc.id());
            if (record.isPresent() && record.get().state().equals("QUARANTINED")) {
                row.put("state", "QUARANTINED");
                row.put("reason", record.get().reason() + " (since " + record.get().since() + ")");
                rows.add(row);
                continue; // not probed: a quarantined board waits for a person
            }
            try {
                Board b = rig.board(bc.id());
                BoardInfo info = b.info(Deadline.in(PROBE_WAIT));
                row.put("link", b.linkName());
                row.put("state", b.state().name());
                row.put("micropython", info.version());
                row.put("machine", info.machine());
                row.put("heap_free", info.heapFree());
                row.put("heap_total", info.heapTotal());
                row.put("fs_used", info.fsUsed());
                OptionalLong free = BoardModels.filesystemFree(bc.model(), info);
                row.put("fs_free", free.isPresent() ? free.getAsLong() : null);
                row.put("reason", b.reason());
            } catch (org.benchrig.board.BoardBusy busy) {
                row.put("state", "BUSY");
                row.put("reason", busy.getMessage());
            } catch (RuntimeException e) {
                row.put("state", "OFFLINE");
                row.put("reason", e.getMessage());
            }
            rows.add(row);
        }
        return rows;
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
