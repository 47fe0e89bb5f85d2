-- benchrig store, schema version 1.
-- Migrations are forward-only: never edit a released V-file, add V2__..., V3__... instead.
-- Instants are UTC text with nine fraction digits (uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ), so they sort as text.
-- WAL mode, busy_timeout and foreign_keys are connection settings: the Store sets them, not this file.

CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    rig              TEXT    NOT NULL,
    suite            TEXT    NOT NULL,
    state            TEXT    NOT NULL
                     CHECK (state IN ('queued', 'running', 'done', 'failed', 'interrupted')),
    started_at       TEXT,
    ended_at         TEXT,
    repetitions      INTEGER NOT NULL,
    targets          TEXT    NOT NULL,          -- comma list of target ids
    config_hash      TEXT,
    controller_pid   INTEGER,
    controller_host  TEXT,
    controller_start TEXT,                      -- start instant of controller_pid, tells pid reuse apart
    reason           TEXT
);

CREATE INDEX runs_state ON runs (state);

CREATE TABLE run_targets (
    run_id           INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target_id        TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('board', 'host')),
    interpreter      TEXT,
    version          TEXT,
    executable       TEXT,
    firmware_hash    TEXT,
    firmware_version TEXT,
    machine          TEXT,
    details          TEXT,
    PRIMARY KEY (run_id, target_id)
);

CREATE TABLE run_benchmarks (
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    class       TEXT,
    tier        TEXT,
    params      TEXT,
    source_hash TEXT,
    expect      TEXT,
    PRIMARY KEY (run_id, name)
);

CREATE TABLE measurements (
    id                 TEXT    NOT NULL PRIMARY KEY,   -- the stable measurement id
    run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target             TEXT    NOT NULL,
    benchmark          TEXT    NOT NULL,
    tier               TEXT,
    repetition         INTEGER NOT NULL,
    mode               TEXT    NOT NULL CHECK (mode IN ('cold', 'warm')),
    time_ns            INTEGER,
    wall_ns            INTEGER,
    free_before        INTEGER,
    free_after         INTEGER,
    free_after_collect INTEGER,
    peak_rss_kb        INTEGER,
    check_value        TEXT,
    outcome            TEXT    NOT NULL,               -- 'ok' or a FailureClass name
    failure_detail     TEXT,
    at                 TEXT    NOT NULL
);

CREATE INDEX measurements_run ON measurements (run_id);
CREATE INDEX measurements_benchmark_target_at ON measurements (benchmark, target, at);
