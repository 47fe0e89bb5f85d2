package org.benchrig.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pip that answers for one interpreter. pip must run inside the target interpreter itself:
 * only there does it see that interpreter's tags (pp73 vs cp311, the glibc level) and markers.
 * First the interpreter's own pip ({@code -m pip}; Debian's pypy3 shares python3-pip's); else a
 * throwaway venv under the work directory, seeded offline by the interpreter's bundled ensurepip.
 *
 * @param command     how to run it: {@code [python, -m, pip]}
 * @param interpreter "PyPy 3.9.16 (/usr/bin/pypy3)"
 * @param firstTag    the interpreter's most specific wheel tag, as its pip computes it
 */
record HostPip(List<String> command, String version, String how, String interpreter, String firstTag) {
    /** Oldest pip with {@code install --dry-run --report} (22.2). */
    private static final int[] MIN_VERSION = {22, 2};
    /** An interpreter start plus importing pip, on a loaded machine. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(60);
    /** Creating a venv and running ensurepip on a loaded machine. */
    private static final Duration VENV_LIMIT = Duration.ofSeconds(180);
    /** One process tells the interpreter, its pip's version and its first tag (each start of PyPy costs). */
    private static final String PROBE = String.join("\n",
            "import sys, platform",
            "print('@P|' + platform.python_implementation() + ' ' + platform.python_version() + ' (' + sys.executable + ')')",
            "try:",
            "    import pip",
            "    from pip._vendor.packaging.tags import sys_tags",
            "    print('@Q|' + pip.__version__ + '|' + str(next(iter(sys_tags()))))",
            "except Exception as e:",
            "    print('@E|' + str(e))",
            "");

    boolean pypy() {
        return firstTag.startsWith("pp") || interpreter.startsWith("PyPy");
    }

    /** The pip of {@code interpreter}, or empty with why not in {@code whyNot}. */
    static Optional<HostPip> find(String interpreter, Subprocess processes, Path workDir, List<String> whyNot) {
        Optional<HostPip> own = probe(interpreter, interpreter, "its own pip", processes, whyNot);
        if (own.isPresent()) {
            return own;
        }
        Path venv = workDir.resolve("venv-" + Math.abs(interpreter.hashCode()));
        Subprocess.Completed made = processes.run(List.of(interpreter, "-m", "venv", venv.toString()), VENV_LIMIT);
        Path python = venv.resolve("bin").resolve("python");
        if (!made.ok() || !Files.isExecutable(python)) {
            whyNot.add("no venv with ensurepip either: " + lastLine(made.stderr())
                    + " (Debian: install python3-pip, which pypy3 shares, or python3-venv / pypy3-venv)");
            return Optional.empty();
        }
        return probe(interpreter, python.toString(), "pip from a temporary venv (ensurepip)", processes, whyNot);
    }

    private static Optional<HostPip> probe(String interpreter, String python, String how, Subprocess processes,
                                           List<String> whyNot) {
        Subprocess.Completed c = processes.run(List.of(python, "-c", PROBE), PROBE_LIMIT);
        String desc = field(c.stdout(), "@P|").orElse(interpreter);
        Optional<String> pip = field(c.stdout(), "@Q|");
        if (!c.ok() || pip.isEmpty()) {
            whyNot.add(python + (c.started() ? " -m pip: " + field(c.stdout(), "@E|").orElse(lastLine(c.stderr()))
                    : ": " + c.stderr()));
            return Optional.empty();
        }
        String[] f = pip.get().split("\\|", 2);
        String[] v = f[0].split("\\.");
        int major = Integer.parseInt(v[0]);
        int minor = v.length > 1 ? Integer.parseInt(v[1].replaceAll("\\D.*", "")) : 0;
        if (major < MIN_VERSION[0] || (major == MIN_VERSION[0] && minor < MIN_VERSION[1])) {
            whyNot.add(python + " has pip " + f[0] + ", older than 22.2 (no install --dry-run --report)");
            return Optional.empty();
        }
        return Optional.of(new HostPip(List.of(python, "-m", "pip"), f[0], how, desc, f[1]));
    }

    private static Optional<String> field(String out, String mark) {
        return out.lines().filter(l -> l.startsWith(mark)).findFirst().map(l -> l.substring(mark.length()).strip());
    }

    static String lastLine(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
