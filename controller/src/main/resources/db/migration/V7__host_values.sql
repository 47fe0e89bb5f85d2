-- benchrig store, schema version 7: how a host value was taken (pyperf's protocol), NULL on boards.
-- loops: calls per value; process: the worker process (cold: the sample's process); warmups: the
-- warm-up values that process took; steady: 1/0 whether it reached the steady-state rule (NULL for
-- cold); value_ns: the whole value (time_ns = value_ns / loops); startup_ns, import_ns,
-- first_call_ns: the cold whole process split (wall_ns is the whole process).
ALTER TABLE measurements ADD COLUMN loops INTEGER;
ALTER TABLE measurements ADD COLUMN process INTEGER;
ALTER TABLE measurements ADD COLUMN warmups INTEGER;
ALTER TABLE measurements ADD COLUMN steady INTEGER CHECK (steady IN (0, 1));
ALTER TABLE measurements ADD COLUMN value_ns INTEGER;
ALTER TABLE measurements ADD COLUMN startup_ns INTEGER;
ALTER TABLE measurements ADD COLUMN import_ns INTEGER;
ALTER TABLE measurements ADD COLUMN first_call_ns INTEGER;
