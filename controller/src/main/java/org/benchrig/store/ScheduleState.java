package org.benchrig.store;

import java.time.Instant;
import java.util.Optional;

/** The last slot each schedule fired ({@code schedule_state}), so a restart neither repeats nor skips one. */
final class ScheduleState {
    private final Database db;

    ScheduleState(Database db) {
        this.db = db;
    }

    Optional<Instant> lastSlot(String scheduleKey) {
        return db.read("read schedule state", c -> Sql.first(c,
                "SELECT last_slot FROM schedule_state WHERE schedule_key = ?", r -> r.instant("last_slot"), scheduleKey));
    }

    void recordSlot(String scheduleKey, Instant slot, String note) {
        db.write("record schedule state", c -> Sql.update(c,
                "INSERT INTO schedule_state (schedule_key, last_slot, run_note) VALUES (?, ?, ?) "
                        + "ON CONFLICT (schedule_key) DO UPDATE SET last_slot = excluded.last_slot, "
                        + "run_note = excluded.run_note",
                scheduleKey, slot, note));
    }
}
