package org.benchrig.result;

/**
 * One trial of one concurrency workload at one worker count on one target: how much work W
 * threads, processes or asyncio tasks got done, in what wall time. Created once, read by every
 * view (store, REST, report, CLI) through {@code stats.ScalingFigures}.
 *
 * @param workload cpu (a CPU-bound unit), echo (a loopback TCP service that waits per request),
 *                 fileio (write, fsync, read back)
 * @param kind     threads, processes or asyncio; "-" for a target that cannot run the workload
 * @param ops      units of work done (cpu: units; echo: requests answered; fileio: files), or null
 * @param wallNs   wall time of the work, from the release of the workers to the last one done
 * @param startNs  time to start the workers until all were ready (process start cost), apart from wallNs
 * @param cores    CPU cores of the machine the target ran on (0 when unknown)
 * @param outcome  ok, or why there is no value (e.g. not supported on this firmware)
 */
public record ScalingPoint(long runId, String target, String workload, String kind, int workers, int trial,
                           Long ops, Long wallNs, Long startNs, int cores, Outcome outcome) {

    /** The concurrency workloads, by their stored key. */
    public enum Workload {
        /** A CPU-bound unit of work: threads under a GIL do not scale, processes do. */
        CPU,
        /** A loopback TCP service that waits per request: threads and asyncio overlap the waiting. */
        ECHO,
        /** Write, fsync, read back in a temporary directory. */
        FILEIO;

        public String key() {
            return name().toLowerCase();
        }
    }

    /** Kind of a point that says a target cannot run a workload at all. */
    public static final String NO_KIND = "-";

    /** A target that cannot run {@code workload}: recorded with the reason, never dropped. */
    public static ScalingPoint notRun(long runId, String target, String workload, FailureClass failure, String why) {
        return new ScalingPoint(runId, target, workload, NO_KIND, 0, 0, null, null, null, 0, Outcome.failed(failure, why));
    }

    /** Operations per second, or null without a value. */
    public Double throughput() {
        return ops == null || wallNs == null || wallNs <= 0 || !outcome.isOk() ? null : ops * 1e9 / wallNs;
    }
}
