-- benchrig store, schema version 2: the MQTT outbox, and the hub's map of rig run ids.
--
-- An outbox row is written in the same transaction as what it announces (a measurement, a run's
-- start or end), so a committed measurement is always either published or still in the outbox.
-- The publisher drains rows in seq order with QoS 1 and deletes a row only after the broker
-- acknowledged it (PUBACK). Payloads are JSON text; the publisher adds "historical" when it sends.

CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,   -- publish order
    topic      TEXT    NOT NULL,                    -- full topic, e.g. benchrig/<rig>/runs/<run>/measurements
    kind       TEXT    NOT NULL CHECK (kind IN ('measurement', 'event', 'latest')),
    payload    TEXT    NOT NULL,
    qos        INTEGER NOT NULL DEFAULT 1 CHECK (qos IN (0, 1, 2)),
    retained   INTEGER NOT NULL DEFAULT 0 CHECK (retained IN (0, 1)),
    created_at TEXT    NOT NULL
);

-- A hub keeps every rig's runs in its own store; a rig's run id is only unique on that rig.
CREATE TABLE hub_runs (
    rig        TEXT    NOT NULL,
    rig_run_id INTEGER NOT NULL,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    PRIMARY KEY (rig, rig_run_id)
);

-- What a hub last heard from each rig: its status (online/offline) and its boards' states.
CREATE TABLE hub_rigs (
    rig        TEXT NOT NULL PRIMARY KEY,
    status     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE hub_boards (
    rig        TEXT NOT NULL,
    board      TEXT NOT NULL,
    state      TEXT NOT NULL,   -- the retained JSON of benchrig/<rig>/boards/<board>/state
    updated_at TEXT NOT NULL,
    PRIMARY KEY (rig, board)
);
