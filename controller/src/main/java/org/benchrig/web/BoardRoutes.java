package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.benchrig.bench.Rig;

/** The bench page's board cards and the release of a quarantined board. */
final class BoardRoutes {
    private final Rig rig;
    private final BoardStates states;
    private final Events events;
    private final Params params;

    BoardRoutes(Rig rig, BoardStates states, Events events, Params params) {
        this.rig = rig;
        this.states = states;
        this.events = events;
        this.params = params;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/boards", ctx -> ctx.json(states.cards()));
        routes.post("/api/boards/{id}/release", this::release);
    }

    private void release(Context ctx) {
        String id = params.board(ctx);
        boolean was = rig.quarantined(id);
        String reason = rig.record(id).map(r -> r.reason()).orElse(null);
        rig.releaseQuarantine(id);
        if (was) {
            events.send("board-state", Events.map("board", id, "state", states.shownState(id, rig.openedBoard(id)),
                    "reason", ""));
        }
        ctx.json(Events.map("board", id, "released", was, "wasQuarantined", was, "reason", was ? reason : null,
                "message", was ? "board " + id + " released; the next run checks its health first"
                        : "board " + id + " was not quarantined"));
    }
}
