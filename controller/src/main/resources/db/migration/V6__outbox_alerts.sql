-- benchrig store, schema version 6: regression alerts travel through the outbox too.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
CREATE TABLE outbox_v6 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    topic      TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('measurement', 'event', 'latest', 'alert')),
    payload    TEXT    NOT NULL,
    qos        INTEGER NOT NULL DEFAULT 1 CHECK (qos IN (0, 1, 2)),
    retained   INTEGER NOT NULL DEFAULT 0 CHECK (retained IN (0, 1)),
    created_at TEXT    NOT NULL
);
INSERT INTO outbox_v6 (seq, topic, kind, payload, qos, retained, created_at)
    SELECT seq, topic, kind, payload, qos, retained, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v6 RENAME TO outbox;
