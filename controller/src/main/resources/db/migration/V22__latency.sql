-- benchrig store, schema version 22: an app workload's per-operation latency over a measurement
-- (NULL for other benchmarks): ops = operations per call, p50_ns/p95_ns/p99_ns = nearest-rank
-- percentiles of the operation times the harness kept in the process (bh.op).
ALTER TABLE measurements ADD COLUMN ops INTEGER;
ALTER TABLE measurements ADD COLUMN p50_ns INTEGER;
ALTER TABLE measurements ADD COLUMN p95_ns INTEGER;
ALTER TABLE measurements ADD COLUMN p99_ns INTEGER;
