package org.benchrig.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.Catalog;
import org.benchrig.bench.Rig;
import org.benchrig.command.ConfigOption;
import org.benchrig.command.Env;
import org.benchrig.config.RigConfig;
import org.benchrig.profile.Profile;
import org.benchrig.profile.ProfileArchive;
import org.benchrig.profile.ProfileSession;
import org.benchrig.profile.ProfileSettings;
import org.benchrig.profile.Speedscope;
import org.benchrig.profile.TimeShares;
import org.benchrig.store.RunState;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code benchrig profile BENCH}: where the time goes, on each host, stored as a run of its own. */
@Command(name = "profile", description = "Profile benchmarks on the hosts (sampled flame graph and cProfile table); "
        + "stored with a run of their own, optionally exported as folded text and speedscope JSON.")
public final class ProfileCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(arity = "1..*", paramLabel = "BENCH", description = "benchmark names")
    List<String> benches;
    @Option(names = "--target", paramLabel = "T", description = "a host (or board: it gets a note) to profile on; repeatable (default: every host)")
    List<String> targets;
    @Option(names = "--tier", paramLabel = "t", description = "parameter tier s, m or l (default: each host's tier)")
    String tier;
    @Option(names = "--rate", paramLabel = "HZ", description = "sampling rate asked of the timers (default: 1000)")
    double rate = ProfileSettings.DEFAULT.rateHz();
    @Option(names = "--seconds", paramLabel = "S", description = "sampled time per profile (default: 2)")
    double seconds = ProfileSettings.DEFAULT.seconds();
    @Option(names = "--warmup-seconds", paramLabel = "S", description = "warm-up before sampling (default: 2)")
    double warmup = ProfileSettings.DEFAULT.warmupSeconds();
    @Option(names = "--export", paramLabel = "DIR", description = "also write BENCH-TARGET.folded and BENCH-TARGET.speedscope.json here")
    Path export;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        ProfileSettings settings = new ProfileSettings(rate, warmup, seconds, ProfileSettings.DEFAULT.cprofileSeconds(), true);
        Catalog catalog = config.env().catalog();
        List<Benchmark> list = catalog.resolve(String.join(",", benches));
        List<String> ids = targets == null || targets.isEmpty() ? cfg.hosts().stream().map(h -> h.id()).toList() : targets;
        Path scripts = config.env().scriptsDir();
        new ProfileSession(cfg, scripts.resolve("harness"), scripts.resolve("benchmarks")).check(ids);
        try (Rig rig = Rig.open(cfg); Store store = Store.open(rig.databasePath())) {
            long runId = store.startRun(cfg.rig(), "profile:" + String.join(",", benches), ids, 1, null);
            boolean ok;
            try {
                ok = profileInto(store, runId, cfg, config.env(), list, ids, tier, settings, out, export);
            } catch (RuntimeException e) {
                store.finishRun(runId, RunState.FAILED, e.getMessage());
                throw e;
            }
            store.finishRun(runId, ok ? RunState.DONE : RunState.FAILED, ok ? null : "a profile failed");
            out.printf("profiles stored with run %d in %s; flame graphs: http://%s:%d/run?id=%d%n", runId, store.path(),
                    cfg.web().bind(), cfg.web().port(), runId);
            return ok ? 0 : Main.EXIT_FAILED;
        }
    }

    /**
     * Profiles {@code benchmarks} on {@code targets}, stores each profile with run {@code runId} and
     * prints its summary; true when none failed (a board's note is not a failure).
     */
    static boolean profileInto(Store store, long runId, RigConfig cfg, Env env, List<Benchmark> benchmarks,
                               List<String> targets, String tier, ProfileSettings s, PrintWriter out, Path export)
            throws java.io.IOException {
        ProfileArchive archive = new ProfileArchive(store);
        Path scripts = env.scriptsDir();
        boolean[] ok = {true};
        if (export != null) {
            Files.createDirectories(export);
        }
        new ProfileSession(cfg, scripts.resolve("harness"), scripts.resolve("benchmarks")).profile(benchmarks, targets, tier, s,
                p -> {
                    archive.add(runId, p);
                    ok[0] &= !p.outcome().equals(Profile.FAILED);
                    out.println(summary(p));
                    out.flush();
                    if (export != null && p.outcome().equals(Profile.OK)) {
                        write(export, p, out);
                    }
                });
        return ok[0];
    }

    static String summary(Profile p) {
        String head = p.benchmark() + " on " + p.target() + " (tier " + p.tier() + "): ";
        if (!p.outcome().equals(Profile.OK)) {
            return head + p.outcome() + ": " + p.detail();
        }
        TimeShares t = p.shares();
        StringBuilder s = new StringBuilder(head).append(String.format(Locale.ROOT,
                "%s %s, %.1f s sampled at %s Hz: Python %.0f %%, built-ins/C %.0f %%, waiting %.0f %%; top self time:",
                p.meta().getOrDefault("impl", "?"), p.meta().getOrDefault("version", ""), t.totalUs() / 1e6,
                p.meta().getOrDefault("rate_hz", "?"), 100 * t.python(), 100 * t.builtin(), 100 * t.waiting()));
        for (TimeShares.SelfTime f : t.top()) {
            s.append(String.format(Locale.ROOT, "%n    %5.1f %%  %s", 100 * f.share(), f.function()));
        }
        return s.toString();
    }

    private static void write(Path dir, Profile p, PrintWriter out) {
        String base = p.benchmark() + "-" + p.target();
        try {
            Files.writeString(dir.resolve(base + ".folded"), p.stacks().text());
            new ObjectMapper().writeValue(dir.resolve(base + ".speedscope.json").toFile(), Speedscope.of(p));
            out.println("    exported " + dir.resolve(base + ".folded") + " and " + base + ".speedscope.json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the export to " + dir + ": " + e.getMessage(), e);
        }
    }
}
