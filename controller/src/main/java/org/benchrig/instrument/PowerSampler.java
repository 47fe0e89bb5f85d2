package org.benchrig.instrument;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Reads a {@link PowerSensor} continuously on its own thread, as fast as the sensor's conversion
 * time allows, into a {@link SampleRing}. Each sample is stamped with the midpoint of its I2C read
 * on the same monotonic clock as the marker edges. A sensor that stops answering ends sampling;
 * {@link #failure()} then says why.
 */
public class PowerSampler implements AutoCloseable {
    /** 2^18 samples: about 4.6 minutes at the INA219's rate, 73 s at the INA226's. */
    public static final int DEFAULT_CAPACITY = 1 << 18;

    private final PowerSensor sensor;
    private final SampleRing ring;
    private final LongSupplier clock;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile String failure;
    private boolean configured;

    public PowerSampler(PowerSensor sensor, int capacity, LongSupplier clock) {
        this.sensor = sensor;
        this.ring = new SampleRing(capacity);
        this.clock = clock;
    }

    public PowerSampler(PowerSensor sensor) {
        this(sensor, DEFAULT_CAPACITY, System::nanoTime);
    }

    public PowerSensor sensor() {
        return sensor;
    }

    /** Starts a fresh recording. Returns false (with {@link #failure()} set) when the sensor does not answer. */
    public synchronized boolean start() {
        if (failure != null) {
            return false;
        }
        stop();
        try {
            if (!configured) {
                sensor.configure();
                configured = true;
            }
        } catch (RuntimeException e) {
            failure = describe(e);
            return false;
        }
        ring.clear();
        running = true;
        Thread t = new Thread(this::loop, "power-" + sensor.label());
        t.setDaemon(true);
        thread = t;
        t.start();
        return true;
    }

    /** Stops recording; the samples stay readable until the next {@link #start()}. */
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long period = sensor.samplePeriodNs();
        long next = clock.getAsLong();
        while (running) {
            try {
                long t0 = clock.getAsLong();
                PowerReading r = sensor.read();
                long t1 = clock.getAsLong();
                ring.add(t0 + (t1 - t0) / 2, r.amps(), r.watts(), r.overflow());
            } catch (RuntimeException e) {
                failure = describe(e);
                running = false;
                return;
            }
            next += period;
            long wait = next - clock.getAsLong();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = clock.getAsLong(); // the bus is slower than the conversions: read back to back
            }
        }
    }

    private String describe(RuntimeException e) {
        return sensor.label() + " stopped answering: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** Why sampling ended early, or null while the sensor answers. */
    public String failure() {
        return failure;
    }

    public Samples around(long from, long to) {
        return ring.around(from, to);
    }

    public boolean lostBefore(long from) {
        return ring.lostBefore(from);
    }

    @Override
    public void close() {
        stop();
        sensor.close();
    }
}
