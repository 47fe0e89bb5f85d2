package org.benchrig.schedule;

import com.cronutils.model.time.ExecutionTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.benchrig.bench.RunRequest;
import org.benchrig.config.CronExpression;
import org.benchrig.config.ScheduleConfig;
import org.benchrig.store.Store;

/**
 * Runs the config's schedules inside {@code benchrig serve}.
 *
 * <ul>
 * <li>Each schedule's last fired slot is kept in the store ({@code schedule_state}), so a restart
 *     knows what it missed.</li>
 * <li>At start-up, if one or more slots passed while the controller was down, the schedule runs
 *     ONCE (for the latest missed slot), not once per missed slot. A schedule seen for the first
 *     time only records its latest past slot: a new config does not start a run at once.</li>
 * <li>Due slots are handed to the run queue ({@code RunService.submit}), so a slot that comes while
 *     a run is still going queues behind it instead of overlapping.</li>
 * </ul>
 * The clock is injectable; {@link #catchUp()} and {@link #tick()} are what the thread calls.
 */
public final class Scheduler implements AutoCloseable {
    /** The thread wakes at least this often, so a changed wall clock (NTP step) is noticed. */
    static final Duration MAX_SLEEP = Duration.ofSeconds(30);

    /** One fired slot: which schedule, which slot, and whether it was a missed one caught up. */
    public record Fired(ScheduleConfig schedule, Instant slot, boolean catchUp, Future<Long> run) {
    }

    private final List<ScheduleConfig> schedules;
    private final Store store;
    private final Clock clock;
    private final Function<RunRequest, Future<Long>> submit;
    private final List<Fired> fired = new ArrayList<>();
    private Thread thread;
    private volatile boolean stopped;

    public Scheduler(List<ScheduleConfig> schedules, Store store, Clock clock, Function<RunRequest, Future<Long>> submit) {
        this.schedules = List.copyOf(schedules);
        this.store = store;
        this.clock = clock;
        this.submit = submit;
    }

    /** The latest slot at or before {@code now}, if the cron has one. */
    static Optional<Instant> lastSlot(ScheduleConfig s, Instant now, Clock clock) {
        ZonedDateTime z = now.atZone(clock.getZone()).plusNanos(1);   // a slot exactly at now counts
        return ExecutionTime.forCron(CronExpression.parse(s.cron())).lastExecution(z).map(ZonedDateTime::toInstant);
    }

    static Optional<Instant> nextSlot(ScheduleConfig s, Instant now, Clock clock) {
        return ExecutionTime.forCron(CronExpression.parse(s.cron())).nextExecution(now.atZone(clock.getZone()))
                .map(ZonedDateTime::toInstant);
    }

    /** At start-up: a schedule that missed one or more slots runs once now. */
    public synchronized List<Fired> catchUp() {
        List<Fired> out = new ArrayList<>();
        Instant now = clock.instant();
        for (ScheduleConfig s : schedules) {
            Optional<Instant> last = lastSlot(s, now, clock);
            if (last.isEmpty()) {
                continue;
            }
            Optional<Instant> recorded = store.lastScheduleSlot(s.key());
            if (recorded.isEmpty()) {
                store.recordScheduleSlot(s.key(), last.get(), "first seen; nothing missed");
            } else if (recorded.get().isBefore(last.get())) {
                out.add(fire(s, last.get(), true));
            }
        }
        return out;
    }

    /** Fires every schedule whose latest slot is due and not yet fired. */
    public synchronized List<Fired> tick() {
        List<Fired> out = new ArrayList<>();
        Instant now = clock.instant();
        for (ScheduleConfig s : schedules) {
            Optional<Instant> last = lastSlot(s, now, clock);
            Optional<Instant> recorded = store.lastScheduleSlot(s.key());
            if (last.isPresent() && (recorded.isEmpty() || recorded.get().isBefore(last.get()))) {
                out.add(fire(s, last.get(), false));
            }
        }
        return out;
    }

    private Fired fire(ScheduleConfig s, Instant slot, boolean catchUp) {
        // Record first: a run that crashes the controller must not fire again at every restart.
        store.recordScheduleSlot(s.key(), slot, catchUp ? "missed slot, run once at start-up" : "fired");
        Future<Long> run = submit.apply(new RunRequest(s.suite(), s.targets(), s.repetitions(),
                "schedule " + s.cron() + (catchUp ? " (missed slot " + slot + ")" : "")));
        Fired f = new Fired(s, slot, catchUp, run);
        fired.add(f);
        return f;
    }

    public synchronized List<Fired> fired() {
        return List.copyOf(fired);
    }

    /**
     * The daemon part {@code benchrig serve} starts: the config's schedules on the service's run
     * queue, and regression detection after every finished run ({@code regressions} is where the
     * MQTT publisher adds its alert listener).
     */
    public static Scheduler forService(org.benchrig.bench.RunService service, java.io.PrintWriter out) {
        org.benchrig.history.Regressions regressions = new org.benchrig.history.Regressions(service.store(),
                service.config().stats(), Clock.systemDefaultZone());
        regressions.addListener(a -> out.printf("benchrig: regression alert: %s on %s (%s) %s by %.1f%% since run %d%n",
                a.benchmark(), a.target(), a.mode(), a.direction(), a.change() * 100, a.stepRunId()));
        service.addListener(new org.benchrig.bench.RunListener() {
            @Override
            public void finished(long runId, String state) {
                try {
                    regressions.afterRun(runId);
                } catch (RuntimeException e) {
                    out.println("benchrig: regression detection after run " + runId + " failed: " + e.getMessage());
                }
            }
        });
        Scheduler s = new Scheduler(service.config().schedule(), service.store(), Clock.systemDefaultZone(), service::submit);
        s.regressions = regressions;
        s.start();
        service.config().schedule().forEach(c -> out.println("schedule " + c.cron() + " suite " + c.suite() + ": next run at "
                + nextSlot(c, Instant.now(), Clock.systemDefaultZone()).map(Instant::toString).orElse("never")));
        return s;
    }

    private org.benchrig.history.Regressions regressions;

    /** Regression detection run after each run, when started by {@link #forService}; else null. */
    public org.benchrig.history.Regressions regressions() {
        return regressions;
    }

    /** Catches up, then fires slots as they come, on a daemon thread. */
    public Scheduler start() {
        catchUp();
        thread = new Thread(this::loop, "scheduler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                tick();
                Instant now = clock.instant();
                Duration sleep = MAX_SLEEP;
                for (ScheduleConfig s : schedules) {
                    Optional<Instant> next = nextSlot(s, now, clock);
                    if (next.isPresent()) {
                        Duration d = Duration.between(now, next.get()).plusMillis(50);
                        sleep = d.compareTo(sleep) < 0 ? d : sleep;
                    }
                }
                Thread.sleep(Math.max(50, sleep.toMillis()));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("benchrig scheduler: " + e.getMessage());
                try {
                    Thread.sleep(MAX_SLEEP.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public String toString() {
        return "scheduler (" + schedules.size() + " schedule(s))";
    }
}
