package org.benchrig.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code [project] dependencies} (PEP 621) of a pyproject.toml. */
final class PyprojectFile {
    private PyprojectFile() {
    }

    static AppDependencies read(Path file) {
        String shown = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw MalformedInput.unreadable(shown, e);
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new MalformedInput(shown + ":" + line + ": not valid TOML: " + e.getOriginalMessage());
        }
        JsonNode project = root.get("project");
        if (project == null || !project.isObject()) {
            throw new MalformedInput(shown + ":1: no [project] table (PEP 621); tool tables such as [tool.poetry] "
                    + "are not read: list the requirements under [project] dependencies or give a requirements.txt");
        }
        JsonNode deps = project.get("dependencies");
        List<Dependency> out = new ArrayList<>();
        if (deps != null) {
            if (!deps.isArray()) {
                throw new MalformedInput(shown + ":" + lineOf(text, "dependencies") + ": project.dependencies: "
                        + "expected a list of requirement strings");
            }
            for (JsonNode d : deps) {
                String req = d.asText();
                String where = shown + ":" + lineOf(text, req);
                if (!d.isTextual()) {
                    throw new MalformedInput(where + ": project.dependencies: expected a requirement string, got " + d);
                }
                String name = RequirementLine.name(req).orElseThrow(() -> new MalformedInput(
                        where + ": project.dependencies: '" + req + "' is not a requirement: " + RequirementLine.EXPECTED));
                out.add(new Dependency(name, req, where, false));
            }
        }
        return new AppDependencies(file, AppDependencies.Kind.PYPROJECT, file.toAbsolutePath().normalize().getParent(),
                out, List.of());
    }

    /** The first line holding {@code needle}, for file:line messages (TOML values carry no positions here). */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
