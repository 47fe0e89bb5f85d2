-- Board coordination across controller processes (a nightly run, a CLI exec, a web-started run).
-- board_leases: who uses a board now. A holder renews its lease while it works; a lease whose
-- holder stopped renewing (or whose process is gone on this host) can be taken over.
CREATE TABLE board_leases (
    board       TEXT NOT NULL PRIMARY KEY,
    holder      TEXT NOT NULL,          -- host:pid:start-instant of the controller process
    host        TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    purpose     TEXT NOT NULL,          -- what a loser is told: "run 42", "benchrig exec"
    since       TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

-- board_states: a board's lasting state, e.g. quarantined with the reason, until a person releases it.
CREATE TABLE board_states (
    board   TEXT NOT NULL PRIMARY KEY,
    state   TEXT NOT NULL,
    reason  TEXT,
    since   TEXT NOT NULL
);
