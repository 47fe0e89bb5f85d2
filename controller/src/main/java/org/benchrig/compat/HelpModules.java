package org.benchrig.compat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the module list MicroPython prints for {@code help('modules')} (columns, then a closing line). */
final class HelpModules {
    static final String SCRIPT = "help('modules')";
    private static final String END = "Plus any modules on the filesystem";

    private HelpModules() {
    }

    /** The module names, sorted as printed; throws when the closing line is missing (a cut-off answer). */
    static List<String> parse(String stdout) {
        int end = stdout.indexOf(END);
        if (end < 0) {
            String shown = stdout.strip();
            throw new CompatFailure("the board's help('modules') answer has no module list: "
                    + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown));
        }
        Set<String> names = new LinkedHashSet<>();
        for (String token : stdout.substring(0, end).trim().split("\\s+")) {
            String top = token.split("/")[0]; // frozen packages print as "pkg/__init__"
            if (top.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                names.add(top);
            }
        }
        return new ArrayList<>(names);
    }
}
