package org.benchrig.compat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks one host interpreter's pip whether each requirement installs there: a dry run with a
 * report (installs nothing) says which file it picks; a picked sdist is built into a wheel in the
 * work directory, since only a build tells whether it compiles. A compiled wheel is a C extension;
 * on PyPy that runs through cpyext, typically slower.
 */
final class PipChecker implements TargetChecker {
    /** Resolving a deep dependency tree against an online index. */
    private static final Duration RESOLVE_LIMIT = Duration.ofSeconds(180);
    /** Compiling an extension from source on a Raspberry Pi. */
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(15);
    static final String CPYEXT = "runs through cpyext, PyPy's emulation of the CPython C API: typically slower than "
            + "pure Python on PyPy";

    private final String targetId;
    private final String interpreter;
    private final PipOptions options;
    private final Subprocess processes;
    private final Path workDir;
    private int calls;

    PipChecker(String targetId, String interpreter, PipOptions options, Subprocess processes, Path workDir) {
        this.targetId = targetId;
        this.interpreter = interpreter;
        this.options = options;
        this.processes = processes;
        this.workDir = workDir;
    }

    @Override
    public TargetResult check(List<Dependency> dependencies) {
        List<String> whyNot = new ArrayList<>();
        Optional<HostPip> found = HostPip.find(interpreter, processes, workDir, whyNot);
        if (found.isEmpty()) {
            String why = interpreter + " has no usable pip: " + String.join("; ", whyNot);
            return TargetResult.notChecked(new TargetInfo(targetId, "host", interpreter, "-"), dependencies, why);
        }
        HostPip pip = found.get();
        boolean pypy = pip.pypy();
        List<Finding> findings = new ArrayList<>();
        for (Dependency d : dependencies) {
            findings.add(one(d, pip, pypy));
        }
        String by = "pip " + pip.version() + " (" + pip.how() + "), tags from " + pip.firstTag() + ", "
                + (options.args().isEmpty() ? "pip's configured index" : String.join(" ", options.args()));
        return new TargetResult(new TargetInfo(targetId, "host", pip.interpreter(), by), findings);
    }

    private Finding one(Dependency d, HostPip pip, boolean pypy) {
        Path report = workDir.resolve("report-" + targetId + "-" + (++calls) + ".json");
        List<String> cmd = new ArrayList<>(pip.command());
        cmd.addAll(List.of("install", "--dry-run", "--ignore-installed", "--no-cache-dir", "--quiet",
                "--report", report.toString()));
        cmd.addAll(options.args());
        cmd.addAll(options.isolation());
        cmd.add(d.requirement());
        Subprocess.Completed c = processes.run(cmd, RESOLVE_LIMIT);
        if (!c.ok()) {
            String why = PipErrors.summary(c.stderr());
            if (c.stderr().contains("No matching distribution")) {
                why = "no distribution for this interpreter (" + pip.firstTag() + ")" + options.localFilesOf(d.name());
            } else if (c.stderr().contains("metadata-generation-failed")) {
                why = "no wheel for " + pip.firstTag() + "; preparing the source build failed: " + why;
            }
            return Finding.of(d, targetId, Verdict.CANNOT_INSTALL, why);
        }
        List<PipReport.Pick> picks;
        try {
            picks = PipReport.picks(Files.readString(report));
        } catch (IOException e) {
            return Finding.of(d, targetId, Verdict.NOT_CHECKED, "pip wrote no report: " + e.getMessage());
        }
        Verdict worst = Verdict.OK;
        Finding own = null;
        List<String> needs = new ArrayList<>();
        for (PipReport.Pick p : picks) {
            Finding f = classify(d, p, pip, pypy);
            worst = worst.worse(f.verdict());
            if (p.requested() || normal(p.name()).equals(normal(d.name()))) {
                own = f;
            } else if (f.verdict() != Verdict.OK) {
                needs.add(p.name() + " " + p.version() + ": " + f.verdict().label() + " (" + f.reason() + ")");
            }
        }
        if (own == null) {
            return Finding.of(d, targetId, Verdict.NOT_CHECKED, "pip's report does not list " + d.name());
        }
        String reason = own.reason() + (needs.isEmpty() ? "" : "; needs " + String.join("; ", needs));
        return new Finding(own.dependency(), own.origin(), own.optional(), targetId, worst, own.distribution(),
                own.tags(), own.fromSource(), null, reason);
    }

    private Finding classify(Dependency d, PipReport.Pick p, HostPip pip, boolean pypy) {
        String file = p.fileName();
        boolean fromSource = !p.wheel();
        String wheel = file;
        if (fromSource) {
            Optional<String> built = build(p, pip);
            if (built.isEmpty() || built.get().startsWith("!")) {
                String why = built.map(b -> b.substring(1)).orElse("the build left no wheel");
                return new Finding(d.name(), d.origin(), d.optional(), targetId, Verdict.CANNOT_INSTALL, file, null,
                        true, null, "no wheel for " + pip.firstTag() + "; building " + file + " failed: " + why);
            }
            wheel = built.get();
        }
        Optional<WheelTags> tags = WheelTags.of(wheel);
        String how = fromSource ? "built from source " + file : "wheel " + file;
        if (tags.isEmpty() || tags.get().pure()) {
            return new Finding(d.name(), d.origin(), d.optional(), targetId, Verdict.OK, file,
                    tags.map(WheelTags::toString).orElse(null), fromSource, null, "pure Python, " + how);
        }
        String reason = "compiled extension " + tags.get() + ", " + how + (pypy ? "; " + CPYEXT : "");
        return new Finding(d.name(), d.origin(), d.optional(), targetId, Verdict.C_EXTENSION, file, tags.get().toString(),
                fromSource, null, reason);
    }

    /** The built wheel's file name; "!why" when the build failed. */
    private Optional<String> build(PipReport.Pick p, HostPip pip) {
        Path out = workDir.resolve("built-" + targetId + "-" + (++calls));
        List<String> cmd = new ArrayList<>(pip.command());
        cmd.addAll(List.of("wheel", "--no-deps", "--no-cache-dir", "--quiet", "--wheel-dir", out.toString()));
        cmd.addAll(options.args());
        cmd.addAll(options.isolation());
        cmd.add(p.url());
        Subprocess.Completed c = processes.run(cmd, BUILD_LIMIT);
        if (!c.ok()) {
            return Optional.of("!" + PipErrors.summary(c.stderr()));
        }
        try (DirectoryStream<Path> wheels = Files.newDirectoryStream(out, "*.whl")) {
            for (Path w : wheels) {
                return Optional.of(w.getFileName().toString());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
