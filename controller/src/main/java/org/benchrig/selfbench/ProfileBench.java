package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.benchrig.config.HostConfig;
import org.benchrig.profile.Profile;
import org.benchrig.profile.ProfileRunner;
import org.benchrig.profile.ProfileSettings;
import org.benchrig.profile.TimeShares;
import org.benchrig.stats.Summary;

/**
 * The sampler's cost and aim ({@code ./benchrig selfbench profile}): per host and benchmark, time
 * per call with the sampler at the given rate over time per call without it (same process
 * layout, same warm-up, interleaved rounds), and the share of sampled time that landed in the
 * hotloop fixture's known hot function. Times are the process's CPU time in the sampled phase
 * (the sampler's handlers included), so neighbours on shared cores do not count.
 */
public final class ProfileBench {
    /** The fixture with one known hot function, and two suite benchmarks (int and float). */
    public static final List<String> BENCHMARKS = List.of("hotloop", "nbody", "fannkuch");
    public static final String HOT = "spin (hotloop.py:9)";
    private final Path scripts;
    private final PrintWriter log;

    public ProfileBench(Path scripts, PrintWriter log) {
        this.scripts = scripts;
        this.log = log;
    }

    /** One host's result for one benchmark: medians over the rounds. */
    public record Row(String host, String interpreter, String benchmark, int rounds, double plainNsPerCall,
                      double sampledNsPerCall, double ratio, Double hotShare) {
    }

    public List<Row> run(List<HostConfig> hosts, String tier, ProfileSettings s, int rounds) {
        List<Row> rows = new ArrayList<>();
        for (HostConfig h : hosts) {
            for (String b : BENCHMARKS) {
                Path dir = scripts.resolve(b.equals("hotloop") ? "profile-fixtures" : "benchmarks");
                ProfileRunner runner = new ProfileRunner(h, scripts.resolve("harness"), dir);
                double[] plain = new double[rounds];
                double[] sampled = new double[rounds];
                double[] hot = new double[rounds];
                String impl = "?";
                for (int i = 0; i < rounds; i++) {   // interleaved: load changes hit both sides alike
                    plain[i] = perCall(runner.run(b, tier, null, s.withSampling(false)));
                    Profile p = runner.run(b, tier, null, s);
                    sampled[i] = perCall(p);
                    impl = p.meta().getOrDefault("impl", "?") + " " + p.meta().getOrDefault("version", "");
                    TimeShares t = p.shares();
                    hot[i] = t.top().stream().filter(f -> f.function().equals(HOT)).mapToDouble(TimeShares.SelfTime::share)
                            .findFirst().orElse(0);
                    log.printf(Locale.ROOT, "selfbench profile: %s %s round %d: %.0f / %.0f ns per call%n", h.id(), b, i + 1,
                            sampled[i], plain[i]);
                    log.flush();
                }
                double pm = Summary.of(plain).median();
                double sm = Summary.of(sampled).median();
                rows.add(new Row(h.id(), impl, b, rounds, pm, sm, sm / pm, b.equals("hotloop") ? Summary.of(hot).median() : null));
            }
        }
        return rows;
    }

    private static double perCall(Profile p) {
        if (!p.outcome().equals(Profile.OK)) {
            throw new IllegalStateException(p.benchmark() + " on " + p.target() + ": " + p.outcome() + ": " + p.detail());
        }
        // CPU time, not wall time: on shared cores the wall clock mostly measures the neighbours
        return Double.parseDouble(p.meta().get("phase_cpu_s")) * 1e9 / Long.parseLong(p.meta().get("calls"));
    }

    /** The docs/performance.md table. */
    public static String markdown(List<Row> rows, double rateHz) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "| host | interpreter | benchmark | rounds | unprofiled CPU per call | sampled at %.0f Hz, CPU per call | ratio (goal <= 1.05 on CPython) | samples in `%s` (goal >= 90 %%) |%n"
                        + "|---|---|---|---|---|---|---|---|%n", rateHz, HOT));
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f us | %.1f us | %.3f | %s |%n", r.host(), r.interpreter(),
                    r.benchmark(), r.rounds(), r.plainNsPerCall() / 1e3, r.sampledNsPerCall() / 1e3, r.ratio(),
                    r.hotShare() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * r.hotShare())));
        }
        return s.toString();
    }
}
