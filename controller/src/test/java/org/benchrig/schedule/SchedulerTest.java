package org.benchrig.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.benchrig.bench.RunRequest;
import org.benchrig.config.ScheduleConfig;
import org.benchrig.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules with an injected clock and a recording run queue: missed slots, due slots, restarts. */
class SchedulerTest {
    static final ScheduleConfig NIGHTLY = new ScheduleConfig("0 2 * * *", "nightly", List.of("all"), null);

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(String at) {
            now = Instant.parse(at);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final List<RunRequest> submitted = new ArrayList<>();

    private Future<Long> submit(RunRequest r) {
        submitted.add(r);
        return CompletableFuture.completedFuture((long) submitted.size());
    }

    @Test
    void slotsMissedWhileDownRunOnceAtStartUp() {
        try (Store store = Store.open(dir.resolve("b.db"))) {
            MovableClock clock = new MovableClock("2026-11-02T12:00:00Z");
            new Scheduler(List.of(NIGHTLY), store, clock, this::submit).catchUp();   // first start: records, runs nothing
            assertThat(submitted).isEmpty();
            assertThat(store.lastScheduleSlot(NIGHTLY.key())).contains(Instant.parse("2026-11-02T02:00:00Z"));

            // controller down for three nights (slots on the 3rd, 4th and 5th at 02:00), back on the 5th at 09:30
            clock.now = Instant.parse("2026-11-05T09:30:00Z");
            Scheduler restarted = new Scheduler(List.of(NIGHTLY), store, clock, this::submit);
            List<Scheduler.Fired> fired = restarted.catchUp();
            assertThat(fired).singleElement().satisfies(f -> {
                assertThat(f.catchUp()).isTrue();
                assertThat(f.slot()).isEqualTo(Instant.parse("2026-11-05T02:00:00Z"));
            });
            assertThat(submitted).singleElement().satisfies(r -> {
                assertThat(r.suite()).isEqualTo("nightly");
                assertThat(r.origin()).startsWith("schedule 0 2 * * * (missed slot");
            });
            // the next tick the same morning fires nothing more, and neither does another restart
            assertThat(restarted.tick()).isEmpty();
            assertThat(new Scheduler(List.of(NIGHTLY), store, clock, this::submit).catchUp()).isEmpty();
            assertThat(submitted).hasSize(1);
        }
    }

    @Test
    void aDueSlotFiresOnceAndOverlappingSlotsQueue() {
        try (Store store = Store.open(dir.resolve("b.db"))) {
            MovableClock clock = new MovableClock("2026-11-02T01:59:00Z");
            ScheduleConfig often = new ScheduleConfig("*/5 * * * *", "smoke", List.of("mb1"), 3);
            Scheduler s = new Scheduler(List.of(NIGHTLY, often), store, clock, this::submit);
            s.catchUp();
            assertThat(s.tick()).isEmpty();
            clock.now = Instant.parse("2026-11-02T02:00:00.010Z");
            // both schedules are due at 02:00: both are submitted to the run queue, which runs them one after the other
            assertThat(s.tick()).extracting(f -> f.schedule().suite()).containsExactlyInAnyOrder("nightly", "smoke");
            assertThat(s.tick()).isEmpty();
            clock.now = Instant.parse("2026-11-02T02:05:00Z");
            assertThat(s.tick()).extracting(f -> f.schedule().suite()).containsExactly("smoke");
            assertThat(submitted).extracting(RunRequest::repetitions).containsExactlyInAnyOrder(null, 3, 3);
            assertThat(Scheduler.nextSlot(NIGHTLY, clock.now, clock)).contains(Instant.parse("2026-11-03T02:00:00Z"));
        }
    }
}
