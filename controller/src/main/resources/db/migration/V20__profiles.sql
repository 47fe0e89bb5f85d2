-- benchrig store: profiles (issue 15). One row per benchmark x host of a run: the sampled folded
-- stacks and the cProfile table, each gzip-compressed text, and how they were taken (JSON).
CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target      TEXT    NOT NULL,
    benchmark   TEXT    NOT NULL,
    tier        TEXT,
    outcome     TEXT    NOT NULL,          -- ok, wrong, error, memory, unsupported (a board), failed
    detail      TEXT,                      -- the reason when not ok, or the board note
    meta        TEXT    NOT NULL,          -- JSON: interpreter, version, rate, warm-up, durations
    stacks_gz   BLOB,                      -- folded stacks (flamegraph.pl input), weights in us
    table_gz    BLOB,                      -- cProfile table, tab-separated with a header line
    created_at  TEXT    NOT NULL
);
CREATE INDEX profiles_run ON profiles (run_id);
