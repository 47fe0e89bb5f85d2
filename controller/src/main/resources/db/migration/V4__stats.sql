-- benchrig store, schema version 4: schedules and regression alerts (issue 8).

-- The last slot each schedule fired, so a restarted controller knows what it missed.
CREATE TABLE schedule_state (
    schedule_key TEXT NOT NULL PRIMARY KEY,   -- cron | suite | targets
    last_slot    TEXT NOT NULL,               -- the slot instant (UTC text), not the time it fired
    run_note     TEXT
);

-- Steps found by regression detection over nightly history; one row per step, never raised twice.
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    rig         TEXT    NOT NULL,
    benchmark   TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    mode        TEXT    NOT NULL,
    step_run_id INTEGER NOT NULL,             -- the first run at the new level
    step_at     TEXT    NOT NULL,             -- when that run started
    before_ns   REAL    NOT NULL,             -- median of nightly medians before the step
    after_ns    REAL    NOT NULL,
    change      REAL    NOT NULL,             -- after / before - 1
    p_value     REAL    NOT NULL,
    direction   TEXT    NOT NULL CHECK (direction IN ('slower', 'faster')),
    detected_at TEXT    NOT NULL,
    detected_by INTEGER,                      -- the run after which it was found
    UNIQUE (benchmark, target, mode, step_run_id)
);
