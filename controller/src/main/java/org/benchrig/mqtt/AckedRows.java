package org.benchrig.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.benchrig.store.Outbox;

/**
 * Outbox rows the broker acknowledged, deleted in batches, one transaction (one fsync) per batch,
 * on their own thread so the sender never waits for the disk. A row whose delete fails stays
 * queued: at worst it is sent twice, never lost.
 */
final class AckedRows {
    /** Acknowledged rows are deleted in batches of up to this many, every DELETE_EVERY_MS or sooner. */
    static final int DELETE_BATCH = 500;
    static final long DELETE_EVERY_MS = 200;

    private final Outbox outbox;
    private final Consumer<String> problem;
    private final Thread thread;
    private final Object due = new Object();
    private final ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
    /** Size of {@code acked} (a ConcurrentLinkedQueue's size() walks the whole queue). */
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean stopping;

    /** @param problem told about a failed delete (the rows stay queued and are deleted next time) */
    AckedRows(Outbox outbox, Consumer<String> problem) {
        this.outbox = outbox;
        this.problem = problem;
        this.thread = new Thread(this::loop, "mqtt-outbox-deleter");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called from Paho's callback thread. */
    void acked(long seq) {
        acked.add(seq);
        count.incrementAndGet();
    }

    /** Deletes soon when the window emptied or a batch is full, rather than at the next period. */
    void nudge(boolean windowEmpty) {
        if (windowEmpty || count.get() >= DELETE_BATCH) {
            synchronized (due) {
                due.notifyAll();
            }
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                synchronized (due) {
                    due.wait(DELETE_EVERY_MS);
                }
                deleteNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                problem.accept("publisher: " + e.getMessage());
            }
        }
    }

    synchronized void deleteNow() {
        List<Long> done = new ArrayList<>();
        for (Long s; (s = acked.poll()) != null; ) {
            done.add(s);
            count.decrementAndGet();
        }
        try {
            outbox.delete(done);
        } catch (RuntimeException e) {
            acked.addAll(done);   // try again next round; a row is never lost, at worst sent twice
            count.addAndGet(done.size());
            throw e;
        }
    }

    /** Stops the thread (waiting up to {@code waitMs}); rows still queued are deleted by a last {@link #deleteNow}. */
    void stop(long waitMs) throws InterruptedException {
        stopping = true;
        synchronized (due) {
            due.notifyAll();
        }
        thread.join(waitMs);
    }
}
