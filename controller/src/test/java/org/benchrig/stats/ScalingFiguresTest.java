package org.benchrig.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.benchrig.result.FailureClass;
import org.benchrig.result.Outcome;
import org.benchrig.result.ScalingPoint;
import org.benchrig.stats.ScalingFigures.Figure;
import org.junit.jupiter.api.Test;

class ScalingFiguresTest {
    static ScalingPoint p(String kind, int workers, int trial, long ops, long wallMs) {
        return new ScalingPoint(1, "h", "cpu", kind, workers, trial, ops, wallMs * 1_000_000, 5_000_000L, 2, Outcome.ok());
    }

    @Test
    void speedupIsTheMedianOfEachTrialAgainstOneWorkerOfTheSameKind() {
        List<ScalingPoint> ps = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            ps.add(p("threads", 1, t, 100, 1000 + t * 100));   // 100, 90.9, 83.3 ops/s: median 90.9, spread 18 %
            ps.add(p("threads", 2, t, 200, 2000));              // 100 ops/s
            ps.add(p("processes", 1, t, 100, 1000));
            ps.add(p("processes", 2, t, 200, 1050));
        }
        List<Figure> fs = ScalingFigures.of(ps);
        Figure t2 = fs.stream().filter(f -> f.kind().equals("threads") && f.workers() == 2).findFirst().orElseThrow();
        assertThat(t2.throughput()).isCloseTo(100, within(1e-9));
        assertThat(t2.speedup()).isCloseTo(100 / (100 / 1.1), within(1e-9));
        assertThat(t2.efficiency()).isCloseTo(t2.speedup() / 2, within(1e-9));
        assertThat(ScalingFigures.gilFinding(fs, "h")).get().asString()
                .contains("threads 1.10x, processes 1.90x").contains("threads do not scale (GIL), processes do");
    }

    @Test
    void aMachineThatChangesSpeedBetweenTrialsDoesNotBecomeASpeedup() {
        // one worker ran fast in trials 0 and 1, two workers only in trial 0: the machine slowed down
        // between the two points of trial 1. Same work per worker, so each trial's own ratio is 1.
        long[] oneMs = {1000, 1000, 1800};
        long[] twoMs = {1000, 1800, 1800};
        List<ScalingPoint> ps = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            ps.add(p("threads", 1, t, 100, oneMs[t]));
            ps.add(p("threads", 2, t, 100, twoMs[t]));
        }
        Figure t2 = ScalingFigures.of(ps).stream().filter(f -> f.workers() == 2).findFirst().orElseThrow();
        // a ratio of the two medians would say 0.56x; the paired trials say (1, 0.56, 1) -> 1
        assertThat(t2.speedup()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void trialsThatDisagreeGetNoVerdictWithTheReason() {
        List<ScalingPoint> ps = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            ps.add(p("threads", 1, t, 100, 1000));
            ps.add(p("threads", 2, t, 200, t == 0 ? 600 : 2000));   // one trial 3x faster: a busy machine
            ps.add(p("processes", 1, t, 100, 1000));
            ps.add(p("processes", 2, t, 200, 1050));
        }
        assertThat(ScalingFigures.gilFinding(ScalingFigures.of(ps), "h")).get().asString()
                .startsWith("no verdict on threads vs processes: the threads x2 trials vary by");
    }

    @Test
    void moreWorkersThanCoresAndFailuresAreSaidNextToTheFigure() {
        List<ScalingPoint> ps = List.of(p("threads", 1, 0, 100, 1000), p("threads", 4, 0, 100, 1000),
                new ScalingPoint(1, "h", "cpu", "threads", 4, 1, null, null, null, 2,
                        Outcome.failed(FailureClass.BENCHMARK_ERROR, "OSError: boom")),
                ScalingPoint.notRun(1, "mb1", "cpu", FailureClass.NOT_SUPPORTED, "not supported on this firmware"));
        List<Figure> fs = ScalingFigures.of(ps);
        Figure t4 = fs.stream().filter(f -> f.target().equals("h") && f.workers() == 4).findFirst().orElseThrow();
        assertThat(t4.note()).contains("1 of 2 trials failed: OSError: boom").contains("4 workers on 2 cores");
        Figure board = fs.stream().filter(f -> f.target().equals("mb1")).findFirst().orElseThrow();
        assertThat(board.throughput()).isNull();
        assertThat(board.note()).isEqualTo("not supported on this firmware");
        // no thread/process pair within the cores: no GIL finding rather than a guess
        assertThat(ScalingFigures.gilFinding(fs, "h")).isEmpty();
    }
}
