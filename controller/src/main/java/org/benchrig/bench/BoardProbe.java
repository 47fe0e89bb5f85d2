package org.benchrig.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.benchrig.board.Board;
import org.benchrig.board.BoardBusy;
import org.benchrig.board.BoardInfo;
import org.benchrig.board.BoardModels;
import org.benchrig.board.HealthCheck;
import org.benchrig.config.BoardConfig;

/**
 * What {@code benchrig boards} and {@code benchrig health} report, as rows of named fields: the
 * same rows whether the CLI opened the boards itself or the daemon did (its REST API sends them).
 * Each board is claimed while it is probed, so a probe never interleaves with a run on its link.
 */
public final class BoardProbe {
    private static final Duration PROBE_WAIT = Duration.ofSeconds(15);

    private BoardProbe() {
    }

    /** One row per board: what a lab member checks before a run. A board that fails shows why. */
    public static List<Map<String, Object>> probeAll(Rig rig, String purpose) {
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
            try (BoardClaims.Claim claim = rig.claims().tryClaim(bc.id(), purpose)) {
                Board b = rig.board(bc.id());
                BoardInfo info = b.info(org.benchrig.time.Deadline.in(PROBE_WAIT));
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
            } catch (BoardBusy busy) {
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

    /**
     * The health check of each board in {@code ids} ({@link Rig#ensureHealthy}: a failing board is
     * recovered and checked again, then quarantined); one row each.
     *
     * @throws BoardBusy when a board is in use (by a run of this process or another process)
     */
    public static List<Map<String, Object>> health(Rig rig, List<String> ids, String purpose) {
        List<Map<String, Object>> rows = new ArrayList<>();
        HealthCheck check = new HealthCheck(HealthCheck.DEFAULT_MIN_FREE_HEAP, Optional.empty());
        for (String id : ids) {
            HealthCheck.Report r;
            try (BoardClaims.Claim claim = rig.claims().tryClaim(id, purpose)) {
                r = rig.ensureHealthy(id, check);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("board", id);
            row.put("health", r.healthy() ? "healthy" : "QUARANTINED");
            row.put("micropython", r.info() == null ? null : r.info().version());
            row.put("heap_free", r.info() == null ? null : r.info().heapFree());
            row.put("reason", r.reason());
            rows.add(row);
        }
        return rows;
    }
}
