package org.benchrig.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a pip requirements file: one requirement per line, {@code #} comments, {@code \} line
 * continuations, {@code -r FILE} includes, and the index options pip reads from such a file
 * ({@code --index-url}, {@code --extra-index-url}, {@code --find-links}, {@code --no-index}).
 */
final class RequirementsFile {
    private static final Set<String> VALUE_OPTIONS = Set.of("-i", "--index-url", "--extra-index-url", "-f", "--find-links");

    private final List<Dependency> dependencies = new ArrayList<>();
    private final List<String> pipOptions = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();

    private RequirementsFile() {
    }

    static AppDependencies read(Path file) {
        RequirementsFile r = new RequirementsFile();
        r.include(file.toAbsolutePath().normalize(), file.toString());
        return new AppDependencies(file, AppDependencies.Kind.REQUIREMENTS,
                file.toAbsolutePath().normalize().getParent(), r.dependencies, r.pipOptions);
    }

    private void include(Path file, String shown) {
        if (!seen.add(file)) {
            return; // an include cycle: pip would loop; each file is read once
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw MalformedInput.unreadable(shown, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            StringBuilder logical = new StringBuilder();
            String line = lines.get(i);
            while (line.endsWith("\\") && i + 1 < lines.size()) {
                logical.append(line, 0, line.length() - 1);
                line = lines.get(++i);
            }
            logical.append(line);
            String text = stripComment(logical.toString()).strip();
            if (!text.isEmpty()) {
                entry(text, file, shown, lineNo);
            }
        }
    }

    private void entry(String text, Path file, String shown, int lineNo) {
        String where = shown + ":" + lineNo;
        if (text.startsWith("-")) {
            String[] parts = text.split("[\\s=]+", 2);
            String opt = parts[0];
            String value = parts.length > 1 ? parts[1].strip() : "";
            if (opt.equals("-r") || opt.equals("--requirement")) {
                requireValue(where, opt, value);
                Path inc = file.getParent().resolve(value).normalize();
                include(inc, Path.of(shown).resolveSibling(value).toString());
            } else if (opt.equals("--no-index")) {
                pipOptions.add(opt);
            } else if (VALUE_OPTIONS.contains(opt)) {
                requireValue(where, opt, value);
                boolean links = opt.equals("-f") || opt.equals("--find-links");
                pipOptions.add(opt);
                pipOptions.add(links && !value.contains("://") ? file.getParent().resolve(value).normalize().toString()
                        : value);
            } else {
                throw new MalformedInput(where + ": option " + opt + " is not supported here; expected a requirement, "
                        + "-r FILE, --index-url, --extra-index-url, --find-links or --no-index");
            }
            return;
        }
        String name = RequirementLine.name(text).orElseThrow(() ->
                new MalformedInput(where + ": '" + text + "' is not a requirement: " + RequirementLine.EXPECTED));
        dependencies.add(new Dependency(name, text, where, false));
    }

    private static void requireValue(String where, String opt, String value) {
        if (value.isEmpty()) {
            throw new MalformedInput(where + ": " + opt + " needs a value");
        }
    }

    /** pip's rule: a comment starts at '#' at the line start or after whitespace. */
    private static String stripComment(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return s.substring(0, i);
            }
        }
        return s;
    }
}
