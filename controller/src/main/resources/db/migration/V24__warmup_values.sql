-- benchrig store: warm-up curves (issue 14 item 3). One row per warm-up value of a host worker
-- process (its values are measurements already): with the cold samples' start-up and import they
-- give the cumulative time against the calls from process start (stats.WarmupCurve).
CREATE TABLE warmup_values (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target    TEXT    NOT NULL,
    benchmark TEXT    NOT NULL,
    process   INTEGER NOT NULL,
    i         INTEGER NOT NULL,          -- the warm-up's number within its process, 0..
    loops     INTEGER NOT NULL,          -- calls timed together as this value
    value_ns  INTEGER NOT NULL,          -- the whole value, loops calls
    PRIMARY KEY (run_id, target, benchmark, process, i)
);
