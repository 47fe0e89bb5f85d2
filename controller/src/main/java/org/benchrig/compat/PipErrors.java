package org.benchrig.compat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The few lines of pip's stderr that say why, without its boxes, notes and hints. */
final class PipErrors {
    /** Enough to name the failing file and the compiler's verdict, short enough for a table. */
    private static final int MAX_LINES = 3;

    private PipErrors() {
    }

    static String summary(String stderr) {
        List<String> lines = stderr.lines().map(l -> l.replaceAll("^[\\s│╰─>×]+", "").strip())
                .filter(l -> !l.isEmpty()).toList();
        Set<String> picked = new LinkedHashSet<>();
        for (String l : lines) {
            if (l.contains("error:") && !l.contains("subprocess-exited-with-error") && !l.contains("metadata-generation-failed") && picked.size() < MAX_LINES - 1) {
                picked.add(l);
            }
        }
        lines.stream().filter(l -> l.startsWith("error: command")).reduce((a, b) -> b).ifPresent(picked::add);
        if (picked.isEmpty()) {
            lines.stream().filter(l -> l.startsWith("ERROR:")).map(l -> l.substring(6).strip()).reduce((a, b) -> b)
                    .ifPresent(picked::add);
        }
        String text = picked.isEmpty() ? HostPip.lastLine(stderr) : String.join("; ", picked);
        if (text.contains("No such file or directory") && text.contains("command")) {
            text += " (no C compiler: install gcc, plus the interpreter's headers: python3-dev / pypy3-dev)";
        }
        if (text.contains("invalid command 'bdist_wheel'")) {
            text += " (the interpreter lacks the wheel package that an offline build needs)";
        }
        return text;
    }
}
