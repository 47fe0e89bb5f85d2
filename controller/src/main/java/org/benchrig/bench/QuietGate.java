package org.benchrig.bench;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps host values apart from other CPU work of the same run: a host benchmark runs alone
 * (exclusive), board benchmarks run side by side (shared). An emulated board's QEMU burns a core
 * while a benchmark runs on it, and two hosts would share the cores too; the -icount clock keeps
 * board times unchanged by the wait. Fair, so a waiting host goes next after the boards' current
 * benchmarks, and boards go next after it.
 */
public final class QuietGate {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** A gate of its own: nothing else waits on it. */
    public static QuietGate open() {
        return new QuietGate();
    }

    /**
     * Runs {@code work} holding the gate, exclusively or shared. When interrupted while waiting,
     * returns without running it, with the interrupt flag set.
     */
    public void run(boolean exclusive, Runnable work) {
        Lock l = exclusive ? lock.writeLock() : lock.readLock();
        try {
            l.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            work.run();
        } finally {
            l.unlock();
        }
    }
}
