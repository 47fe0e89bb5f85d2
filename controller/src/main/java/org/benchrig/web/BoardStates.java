package org.benchrig.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.benchrig.bench.RunService;
import org.benchrig.board.Board;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.HostConfig;
import org.benchrig.config.RigConfig;
import org.benchrig.store.RunInfo;
import org.benchrig.store.TargetInfo;

/**
 * What the bench page's cards show of each target: its state as a user means it (a READY board
 * working for the current run is RUNNING), why, what the last run recorded about it, and its
 * progress. {@link #poll} turns state changes into board-state events: boards change state outside
 * of runs too.
 *
 * <p>Board cards never start an emulator: a board that no command opened yet shows as OFFLINE with
 * what the last run recorded about it (version, heap, flash).
 */
final class BoardStates {
    /** Why an OFFLINE board that nothing failed on is offline. */
    static final String NOT_OPENED = "not opened yet: no run or command has used it since the controller started";

    private final RunService service;
    private final Events events;
    private final Map<String, String> lastStates = new ConcurrentHashMap<>();

    BoardStates(RunService service, Events events) {
        this.service = service;
        this.events = events;
    }

    /**
     * A board's card: its state and why, its quarantine, what the last run recorded about it (heap
     * and flash in bytes, null when not known) and its progress in the current run.
     */
    record BoardCard(String id, String kind, String model, String connection, String state, String reason,
                     Instant quarantinedSince, String firmware, String interpreter, String version, String firmwareHash,
                     Long heapTotal, Long heapFree, Long fsUsed, Long fsFree, boolean simulated, ProgressView progress) {
    }

    /** A host's card: IDLE or RUNNING, what the last run recorded about its interpreter, its progress. */
    record HostCard(String id, String kind, String command, String state, String reason, String interpreter,
                    String version, String executable, ProgressView progress) {
    }

    /** What a target did in the newest run: the benchmark, measurements done of expected, and why it stopped. */
    record ProgressView(long run, String benchmark, int done, int expected, boolean finished, String problem) {
    }

    /** A card per board, then per host, in config order ({@link BoardCard}s and {@link HostCard}s). */
    List<Object> cards() {
        RigConfig cfg = service.config();
        Map<String, TargetInfo> known = lastKnown();
        Map<String, Events.Progress> progress = events.progress();
        Optional<Long> current = service.currentRun();
        List<Object> out = new ArrayList<>();
        for (BoardConfig b : cfg.boards()) {
            Optional<Board> open = service.rig().openedBoard(b.id());
            var rec = service.rig().record(b.id()).filter(r -> r.state().equals("QUARANTINED"));
            TargetInfo t = known.get(b.id());
            Map<String, String> d = details(t);
            out.add(new BoardCard(b.id(), "board", b.model(), b.kind().name().toLowerCase(), shownState(b.id(), open),
                    reasonOf(b.id(), open), rec.map(r -> r.since()).orElse(null),
                    b.firmware() == null ? null : b.firmware().toString(), t == null ? null : t.interpreter(),
                    t == null ? null : t.version(), t == null ? null : t.firmwareHash(), number(d.get("heap_total")),
                    number(d.get("heap_free")), number(d.get("fs_used")), number(d.get("fs_free")),
                    "simulated".equals(d.get("instruments")) || b.kind().name().equals("EMULATED"),
                    progressOf(progress.get(b.id()), current)));
        }
        for (HostConfig h : cfg.hosts()) {
            TargetInfo t = known.get(h.id());
            Events.Progress p = progress.get(h.id());
            out.add(new HostCard(h.id(), "host", h.interpreter(),
                    p != null && current.isPresent() && p.runId() == current.get() && !p.finished() ? "RUNNING" : "IDLE", "",
                    t == null ? null : t.interpreter(), t == null ? null : t.version(), t == null ? null : t.executable(),
                    progressOf(p, current)));
        }
        return out;
    }

    /** The board's own state; a READY board working for the current run shows as RUNNING. */
    String shownState(String id, Optional<Board> open) {
        if (service.rig().quarantined(id)) {
            return "QUARANTINED"; // also when another process (benchrig quarantine, a run) quarantined it
        }
        String state = open.map(o -> o.state().name()).orElse("OFFLINE");
        Events.Progress p = events.progress().get(id);
        Optional<Long> current = service.currentRun();
        if (state.equals("READY") && p != null && !p.finished() && current.isPresent() && current.get() == p.runId()) {
            return "RUNNING";
        }
        return state;
    }

    /** Why a board is in its state: the quarantine record's reason first, else the open board's. */
    private String reasonOf(String id, Optional<Board> open) {
        return service.rig().record(id).filter(r -> r.state().equals("QUARANTINED"))
                .map(r -> r.reason() == null ? "quarantined" : r.reason())
                .orElseGet(() -> open.map(Board::reason).orElse(NOT_OPENED));
    }

    /** Emits board-state events when a board's state changes; run by the server's ticker. */
    void poll() {
        try {
            for (BoardConfig b : service.config().boards()) {
                Optional<Board> open = service.rig().openedBoard(b.id());
                String state = shownState(b.id(), open);
                String reason = reasonOf(b.id(), open);
                String key = state + "\u0000" + reason;
                String before = lastStates.put(b.id(), key);
                if (before != null && !before.equals(key)) {
                    events.send("board-state", new Events.BoardState(b.id(), state, reason));
                }
            }
        } catch (RuntimeException e) {
            // never let the ticker die; the next poll tries again
        }
    }

    /** The last thing a run recorded about each target, newest run first. */
    private Map<String, TargetInfo> lastKnown() {
        Map<String, TargetInfo> known = new LinkedHashMap<>();
        for (RunInfo r : service.store().runs(20, 0)) {
            for (TargetInfo t : service.store().targets(r.id())) {
                known.putIfAbsent(t.targetId(), t);
            }
            if (known.size() >= service.config().targetIds().size()) {
                break;
            }
        }
        return known;
    }

    private static ProgressView progressOf(Events.Progress p, Optional<Long> current) {
        if (p == null) {
            return null;
        }
        return new ProgressView(p.runId(), p.benchmark(), p.done(), p.expected(),
                p.finished() || current.map(c -> c != p.runId()).orElse(true), p.problem());
    }

    private static Map<String, String> details(TargetInfo t) {
        Map<String, String> d = new LinkedHashMap<>();
        if (t != null && t.details() != null) {
            for (String part : t.details().split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    d.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return d;
    }

    private static Long number(String s) {
        try {
            long v = Long.parseLong(s);
            return v < 0 ? null : v;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
