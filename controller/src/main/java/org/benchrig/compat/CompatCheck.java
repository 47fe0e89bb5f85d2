package org.benchrig.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.benchrig.bench.Rig;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.HostConfig;
import org.benchrig.config.RigConfig;

/**
 * {@code benchrig compat}: reads the app's dependencies, asks every selected target in parallel
 * (hosts through their pip or importlib, boards through help('modules')), and puts the findings
 * together. Everything pip writes goes to one temporary directory, removed afterwards.
 */
public final class CompatCheck {
    /** The environment of every helper process: never prompt, no version check noise. */
    private static final Map<String, String> PIP_ENV = Map.of("PIP_NO_INPUT", "1",
            "PIP_DISABLE_PIP_VERSION_CHECK", "1", "PYTHONDONTWRITEBYTECODE", "1");

    private final RigConfig config;
    private final PipOptions pip;
    private final Supplier<Rig> rig;

    /** @param rig opens the rig's boards on first use (only when a board is among the targets) */
    public CompatCheck(RigConfig config, PipOptions pip, Supplier<Rig> rig) {
        this.config = config;
        this.pip = pip;
        this.rig = rig;
    }

    /** Checks {@code file} on the targets (all of the rig's when empty). */
    public CompatReport check(Path file, List<String> targetIds) throws IOException {
        List<String> targets = targetIds.isEmpty() ? config.targetIds() : targetIds;
        for (String t : targets) {
            if (config.board(t).isEmpty() && config.host(t).isEmpty()) {
                throw new IllegalArgumentException("no target '" + t + "' in " + config.source() + "; targets: "
                        + config.targetIds());
            }
        }
        Path work = Files.createTempDirectory("benchrig-compat");
        try {
            Subprocess processes = new Subprocess(work, withTmp(work));
            String python = config.hosts().stream().map(HostConfig::interpreter).findFirst().orElse("python3");
            AppDependencies app = DependencyFiles.read(file, python, processes);
            PipOptions options = pip.plus(app.pipOptions());
            AppTree tree = new AppTree(app.appTree());
            ModuleCache cache = new ModuleCache(config.dataDir());
            List<TargetChecker> checkers = new ArrayList<>();
            for (String t : targets) {
                checkers.add(checker(t, app, options, tree, cache, processes, work));
            }
            List<TargetChecker.TargetResult> results = runAll(checkers, app.dependencies());
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < app.dependencies().size(); i++) {
                for (TargetChecker.TargetResult r : results) {
                    findings.add(r.findings().get(i));
                }
            }
            return new CompatReport(file.toString(), app.kind().name().toLowerCase(java.util.Locale.ROOT),
                    options.args(), results.stream().map(TargetChecker.TargetResult::target).toList(), findings);
        } finally {
            deleteTree(work);
        }
    }

    private TargetChecker checker(String id, AppDependencies app, PipOptions options, AppTree tree, ModuleCache cache,
                                  Subprocess processes, Path work) {
        BoardConfig board = config.board(id).orElse(null);
        if (board != null) {
            return deps -> new BoardModuleChecker(board, rig.get(), cache, tree).check(deps);
        }
        String interpreter = config.host(id).orElseThrow().interpreter();
        return app.kind() == AppDependencies.Kind.SOURCE
                ? new HostImportChecker(id, interpreter, tree, processes)
                : new PipChecker(id, interpreter, options, processes, work);
    }

    private static List<TargetChecker.TargetResult> runAll(List<TargetChecker> checkers, List<Dependency> deps)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, checkers.size()), r -> {
            Thread t = new Thread(r, "compat-target");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TargetChecker.TargetResult>> futures = new ArrayList<>();
            for (TargetChecker c : checkers) {
                futures.add(pool.submit(() -> c.check(deps)));
            }
            List<TargetChecker.TargetResult> out = new ArrayList<>();
            for (Future<TargetChecker.TargetResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompatFailure("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new CompatFailure(String.valueOf(e.getCause().getMessage()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** pip and its builds put their temporary files in the work directory too. */
    private static Map<String, String> withTmp(Path work) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(PIP_ENV);
        env.put("TMPDIR", work.toString());
        return env;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
