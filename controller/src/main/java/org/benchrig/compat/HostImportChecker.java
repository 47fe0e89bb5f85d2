package org.benchrig.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For an app given as source: whether each imported module is there on a host interpreter, found
 * by {@code importlib.util.find_spec} (which locates a top-level module without running it). An
 * import names no distribution, so pip is not asked; a module found as a compiled file is a C
 * extension.
 */
record HostImportChecker(String targetId, String interpreter, AppTree app, Subprocess processes) implements TargetChecker {
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(60);
    private static final String PROBE = String.join("\n",
            "import importlib.util, json, os, sys, sysconfig",
            "std = os.path.realpath(sysconfig.get_paths()['stdlib'])",
            "for m in sys.argv[1:]:",
            "    try:",
            "        s = importlib.util.find_spec(m)",
            "    except Exception as e:",
            "        print(json.dumps({'m': m, 'error': str(e)})); continue",
            "    o = None if s is None else (s.origin or '')",
            "    print(json.dumps({'m': m, 'origin': o, 'builtin': m in sys.builtin_module_names,",
            "        'std': bool(o) and os.path.realpath(o).startswith(std + os.sep)}))",
            "");

    @Override
    public TargetResult check(List<Dependency> dependencies) {
        HostDescription host = HostDescription.of(targetId, interpreter);
        TargetInfo info = new TargetInfo(targetId, "host", host.description(),
                "importlib.util.find_spec in " + interpreter);
        List<String> cmd = new ArrayList<>(List.of(interpreter, "-c", PROBE));
        dependencies.forEach(d -> cmd.add(d.name()));
        Subprocess.Completed c = processes.run(cmd, PROBE_LIMIT);
        if (!c.ok()) {
            String why = interpreter + " could not be asked: " + HostPip.lastLine(c.stderr());
            return TargetResult.notChecked(info, dependencies, why);
        }
        Map<String, JsonNode> answers = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : c.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
            try {
                JsonNode n = json.readTree(line);
                answers.put(n.get("m").asText(), n);
            } catch (IOException e) {
                throw new CompatFailure("unexpected answer from " + interpreter + ": " + line);
            }
        }
        boolean pypy = host.description().startsWith("PyPy");
        List<Finding> out = new ArrayList<>();
        for (Dependency d : dependencies) {
            out.add(one(d, answers.get(d.name()), pypy));
        }
        return new TargetResult(info, out);
    }

    private Finding one(Dependency d, JsonNode a, boolean pypy) {
        Optional<String> own = app.module(d.name());
        if (own.isPresent()) {
            return Finding.of(d, targetId, Verdict.OK, "the app's own module " + own.get());
        }
        if (a == null || a.has("error")) {
            return Finding.of(d, targetId, Verdict.NOT_CHECKED, a == null ? "no answer" : a.get("error").asText());
        }
        if (a.get("origin").isNull()) {
            return Finding.of(d, targetId, Verdict.MISSING, "no module " + d.name() + " on this interpreter; an import "
                    + "names no distribution to ask pip about: check a requirements file for it");
        }
        String origin = a.get("origin").asText();
        if (a.get("builtin").asBoolean() || origin.equals("built-in") || origin.equals("frozen")) {
            return Finding.of(d, targetId, Verdict.OK, "built into the interpreter");
        }
        if (a.get("std").asBoolean()) {
            return Finding.of(d, targetId, Verdict.OK, "standard library");
        }
        if (origin.endsWith(".so") || origin.endsWith(".pyd")) {
            return Finding.of(d, targetId, Verdict.C_EXTENSION, "installed compiled extension " + origin
                    + (pypy ? "; " + PipChecker.CPYEXT : ""));
        }
        return Finding.of(d, targetId, Verdict.OK, "installed: " + origin);
    }
}
