package org.benchrig.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The imports of a Python file or directory, found by the standard library's {@code ast} in a
 * Python interpreter (the app is parsed, never run). One dependency per top-level module, at its
 * first import; a module imported anywhere unguarded is not optional.
 */
final class SourceImports {
    /** Parsing a large app tree on a loaded machine. */
    private static final Duration PARSE_LIMIT = Duration.ofSeconds(60);
    private static final String SCRIPT = script();

    private SourceImports() {
    }

    static AppDependencies read(Path fileOrDir, String python, Subprocess processes) {
        if (!Files.exists(fileOrDir)) {
            throw new MalformedInput(fileOrDir + ": cannot read: no such file");
        }
        Path abs = fileOrDir.toAbsolutePath().normalize();
        Subprocess.Completed c = processes.run(List.of(python, "-c", SCRIPT, abs.toString()), PARSE_LIMIT);
        if (!c.ok()) {
            throw new CompatFailure("reading the imports with " + python + " failed: " + c.stderr().strip());
        }
        Path tree = Files.isDirectory(abs) ? abs : abs.getParent();
        Path shownBase = Files.isDirectory(abs) ? fileOrDir : fileOrDir.getParent() == null ? Path.of("")
                : fileOrDir.getParent();
        Map<String, Dependency> byModule = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : c.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode n;
            try {
                n = json.readTree(line);
            } catch (IOException e) {
                throw new CompatFailure("unexpected output from the import reader: " + line);
            }
            String where = shownBase.resolve(n.get("file").asText()) + ":" + n.get("line").asInt();
            if (n.has("error")) {
                throw new MalformedInput(where + ": " + n.get("error").asText());
            }
            String module = n.get("module").asText();
            boolean optional = n.get("optional").asBoolean();
            Dependency seen = byModule.get(module);
            if (seen == null) {
                byModule.put(module, new Dependency(module, null, where, optional));
            } else if (seen.optional() && !optional) {
                byModule.put(module, new Dependency(module, null, where, false));
            }
        }
        return new AppDependencies(fileOrDir, AppDependencies.Kind.SOURCE, tree, new ArrayList<>(byModule.values()),
                List.of());
    }

    private static String script() {
        try (InputStream in = SourceImports.class.getResourceAsStream("/compat/imports.py")) {
            if (in == null) {
                throw new CompatFailure("compat/imports.py is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
