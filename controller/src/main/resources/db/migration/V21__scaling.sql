-- benchrig store: concurrency workloads (threads vs processes vs asyncio), one row per trial.
CREATE TABLE scaling_points (
    run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target   TEXT    NOT NULL,
    workload TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    workers  INTEGER NOT NULL,
    trial    INTEGER NOT NULL,
    ops      INTEGER,
    wall_ns  INTEGER,
    start_ns INTEGER,
    cores    INTEGER NOT NULL,
    outcome  TEXT    NOT NULL,
    failure_detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, target, workload, kind, workers, trial)
);
