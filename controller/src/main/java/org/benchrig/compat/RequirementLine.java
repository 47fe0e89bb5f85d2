package org.benchrig.compat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks one PEP 508 requirement string and extracts its distribution name. */
final class RequirementLine {
    static final String EXPECTED = "expected NAME[extras] [version spec] [; marker], e.g. requests>=2.31";

    private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
    private static final String VERSION_ONE = "(?:===|==|!=|<=|>=|~=|<|>)\\s*[A-Za-z0-9.*+!_-]+";
    private static final Pattern REQUIREMENT = Pattern.compile(
            "(" + NAME + ")\\s*(?:\\[\\s*(?:" + NAME + "(?:\\s*,\\s*" + NAME + ")*)?\\s*\\])?\\s*"
                    + "(?:\\(?\\s*(?:" + VERSION_ONE + "(?:\\s*,\\s*" + VERSION_ONE + ")*)\\s*\\)?"
                    + "|@\\s*\\S+)?\\s*(?:;\\s*\\S.*)?");

    private RequirementLine() {
    }

    /** The distribution name, or empty when {@code text} is not a requirement. */
    static Optional<String> name(String text) {
        Matcher m = REQUIREMENT.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
