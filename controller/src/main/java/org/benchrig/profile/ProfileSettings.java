package org.benchrig.profile;

import java.time.Duration;

/**
 * How a host profile is taken (profrun.py's options).
 *
 * @param rateHz          sampling rate asked of the timers (the kernel may deliver fewer: see docs/profiling.md)
 * @param warmupSeconds   warm-up before sampling, so the JIT's compiling is not what gets profiled
 * @param seconds         how long calls repeat under the sampler
 * @param cprofileSeconds how long calls repeat under cProfile (at least one call)
 * @param sample          false runs the sampled phase without the sampler (the overhead benchmark's baseline)
 */
public record ProfileSettings(double rateHz, double warmupSeconds, double seconds, double cprofileSeconds, boolean sample) {
    public static final ProfileSettings DEFAULT = new ProfileSettings(1000, 2, 2, 1, true);
    /** Start-up, imports and writing the files, beyond the phases' own time. */
    static final Duration PROCESS_MARGIN = Duration.ofSeconds(20);

    public ProfileSettings {
        if (!(rateHz > 0 && rateHz <= 10_000)) {
            throw new IllegalArgumentException("--rate: expected 1 to 10000 Hz, got " + rateHz);
        }
        if (warmupSeconds < 0 || seconds <= 0 || cprofileSeconds < 0) {
            throw new IllegalArgumentException("profile durations: expected warm-up >= 0 s, sampling > 0 s, cProfile >= 0 s");
        }
    }

    /** The whole process's budget: the phases (a phase ends after its call in progress), plus a margin. */
    public Duration timeout() {
        return Duration.ofMillis((long) (1000 * 3 * (warmupSeconds + seconds + cprofileSeconds))).plus(PROCESS_MARGIN);
    }

    public ProfileSettings withSampling(boolean on) {
        return new ProfileSettings(rateHz, warmupSeconds, seconds, cprofileSeconds, on);
    }
}
