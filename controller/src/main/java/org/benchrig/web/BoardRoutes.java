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

    /** The answer to a release: {@code released} is false when the board was not quarantined. */
    record Released(String board, boolean released, boolean wasQuarantined, String reason, String message) {
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
            events.send("board-state", new Events.BoardState(id, states.shownState(id, rig.openedBoard(id)), ""));
        }
        ctx.json(new Released(id, was, was, was ? reason : null, was
                ? "board " + id + " released; the next run checks its health first" : "board " + id + " was not quarantined"));
    }
}
