-- benchrig store, schema version 3: energy of a board repetition, measured between its marker edges.
-- (V2 is the outbox.) All nullable: hosts and boards without a power meter have no energy.
ALTER TABLE measurements ADD COLUMN energy_mj        REAL;     -- integral of power over the window, millijoules
ALTER TABLE measurements ADD COLUMN avg_ma           REAL;     -- mean current in the window
ALTER TABLE measurements ADD COLUMN peak_ma          REAL;     -- highest sampled current in the window
ALTER TABLE measurements ADD COLUMN energy_samples   INTEGER;  -- sensor samples inside the window
ALTER TABLE measurements ADD COLUMN energy_window_ns INTEGER;  -- window width from the marker edges (GPIO clock)
ALTER TABLE measurements ADD COLUMN instrument       TEXT;     -- e.g. 'ina219@1:0x40 (simulated)'
ALTER TABLE measurements ADD COLUMN simulated        INTEGER;  -- 1 when the sensor or the edges were simulated
ALTER TABLE measurements ADD COLUMN energy_flags     TEXT;     -- comma list: short-window, tick-mismatch, ...
