package org.benchrig.instrument;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.benchrig.result.Energy;

/**
 * Energy of one board's repetitions: the power sampler runs while the repetition's exec runs, the
 * marker's edges give the window, and the energy is the integral of power between them.
 *
 * <p>Flags (in {@link Energy#flags()}):
 * <ul>
 * <li>{@code short-window}: the window holds fewer than {@link #MIN_PERIODS_PRECISE} sensor periods,
 *   so the edges' smearing (up to one period each) can exceed 4% of the energy: not precise.</li>
 * <li>{@code tick-mismatch}: the GPIO width and the board's ticks differ by more than
 *   {@link #EDGE_JITTER_NS} + {@link #CLOCK_TOLERANCE} of the width.</li>
 * <li>{@code missing-edge}: only one edge was seen; the window is that edge and the board's ticks.</li>
 * <li>{@code extra-edges}: more than one window was seen; the one closest to the ticks was used.</li>
 * <li>{@code overflow}: the sensor's math-overflow bit was set: current above the calibrated range.</li>
 * <li>{@code ring-overrun}: the sample ring had overwritten the window's start.</li>
 * </ul>
 * A sensor that stops answering disables energy for this board: measurements go on without it and
 * one warning is given.
 */
public class BoardPower implements AutoCloseable {
    /** Two edges, each stamped tens of us late by the GPIO listener, plus the harness's pin-write call around the ticks read. */
    public static final long EDGE_JITTER_NS = 200_000;
    /** Board crystal (+-100 ppm) and emulator icount drift (0.15%), with margin. */
    public static final double CLOCK_TOLERANCE = 0.002;
    /** 50 periods: two edges smeared by one period each stay under 4% of the window. */
    public static final int MIN_PERIODS_PRECISE = 50;
    /** How long to wait after the exec returned for a falling edge still in the listener's queue. */
    private static final long EDGE_SLACK_NS = 50_000_000;

    private final String boardId;
    private final PowerSampler sampler;
    private final MarkerInput marker;
    private final EdgeSimulation simulation;
    private final boolean simulated;
    private final Consumer<String> warnings;
    private volatile boolean disabled;
    private volatile long markAtBegin;
    private SampleRing testRing;

    /** Tests: integrate over these samples instead of the sampler's. */
    BoardPower withRing(SampleRing ring) {
        this.testRing = ring;
        return this;
    }

    public BoardPower(String boardId, PowerSampler sampler, MarkerInput marker, EdgeSimulation simulation,
                      boolean simulated, Consumer<String> warnings) {
        this.boardId = boardId;
        this.sampler = sampler;
        this.marker = marker;
        this.simulation = simulation;
        this.simulated = simulated;
        this.warnings = warnings;
    }

    public String instrument() {
        return sampler.sensor().label() + (simulated ? " (simulated)" : "");
    }

    /** Right before the repetition's exec is sent; returns the instant to hand to {@link #end}. */
    public long begin() {
        long now = System.nanoTime();
        if (disabled) {
            return now;
        }
        markAtBegin = marker.mark();
        if (simulation != null) {
            simulation.begin(now);
        }
        if (!sampler.start()) {
            disable();
        }
        return now;
    }

    /** Right after the exec returned; the energy of the repetition's window, or null when there is none. */
    public Energy end(long began, Long ticksNs) {
        long returned = System.nanoTime();
        if (simulation != null) {
            simulation.end(began, returned, ticksNs);
        }
        if (disabled) {
            return null;
        }
        sampler.stop();
        if (sampler.failure() != null) {
            disable();
            return null;
        }
        // this repetition's edges are those that arrived after begin(): the previous repetition's
        // falling edge arrives before its exec returns (microseconds vs the serial round trip)
        waitForLateEdges(returned);
        List<Edge> edges = marker.edgesSince(markAtBegin);
        return energy(edges, ticksNs);
    }

    private void waitForLateEdges(long returned) {
        // on a Pi the falling edge's listener may run a little after the exec's output arrived
        long until = returned + EDGE_SLACK_NS;
        while (simulation == null && marker.edgesSince(markAtBegin).stream().noneMatch(e -> !e.rising())
                && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /** The exec failed: stop sampling, measure nothing. */
    public void abort() {
        if (simulation != null) {
            long now = System.nanoTime();
            simulation.end(now, now, 0L);
        }
        sampler.stop();
    }

    Energy energy(List<Edge> edges, Long ticksNs) {
        Set<String> flags = new LinkedHashSet<>();
        List<MarkerWindow> windows = EdgePairing.windows(edges);
        if (windows.size() > 1) {
            flags.add("extra-edges");
        }
        MarkerWindow w = EdgePairing.best(windows, ticksNs);
        if (w == null && ticksNs != null && ticksNs > 0) {
            Edge fall = edges.stream().filter(e -> !e.rising()).reduce((a, b) -> b).orElse(null);
            Edge rise = edges.stream().filter(Edge::rising).findFirst().orElse(null);
            if (fall != null) {
                w = new MarkerWindow(fall.nanos() - ticksNs, fall.nanos());
            } else if (rise != null) {
                w = new MarkerWindow(rise.nanos(), rise.nanos() + ticksNs);
            }
            if (w != null) {
                flags.add("missing-edge");
            }
        }
        if (w == null || w.widthNs() <= 0) {
            warnOnce("no marker edges for " + boardId + " on " + marker.label()
                    + ": measurements go on without energy; check the marker wiring (docs/wiring.md)");
            return null;
        }
        if (ticksNs != null && !ticksAgree(w.widthNs(), ticksNs)) {
            flags.add("tick-mismatch");
        }
        Samples s = testRing != null ? testRing.around(w.startNs(), w.endNs()) : sampler.around(w.startNs(), w.endNs());
        if (s.size() < 2) {
            return null;
        }
        EnergyIntegral e = EnergyIntegral.of(s, w.startNs(), w.endNs());
        if (w.widthNs() < MIN_PERIODS_PRECISE * sampler.sensor().samplePeriodNs()) {
            flags.add("short-window");
        }
        if (s.anyOverflow()) {
            flags.add("overflow");
        }
        if (sampler.lostBefore(w.startNs())) {
            flags.add("ring-overrun");
        }
        return new Energy(e.joules() * 1e3, e.averageAmps() * 1e3, e.peakAmps() * 1e3, e.samplesInside(),
                w.widthNs(), instrument(), simulated, String.join(",", flags));
    }

    /** Whether the GPIO-measured width and the board's ticks agree within the documented jitter. */
    public static boolean ticksAgree(long gpioWidthNs, long ticksNs) {
        return Math.abs(gpioWidthNs - ticksNs) <= EDGE_JITTER_NS + CLOCK_TOLERANCE * ticksNs;
    }

    private void disable() {
        disabled = true;
        String why = sampler.failure();
        warnOnce("power sensor of " + boardId + " stopped answering (" + (why == null ? "no answer" : why)
                + "): the run goes on; measurements of " + boardId + " are stored without energy from now on");
    }

    private boolean warned;

    private synchronized void warnOnce(String message) {
        if (!warned) {
            warned = true;
            warnings.accept(message);
        }
    }

    public boolean disabled() {
        return disabled;
    }

    @Override
    public void close() {
        sampler.close();
        marker.close();
    }
}
