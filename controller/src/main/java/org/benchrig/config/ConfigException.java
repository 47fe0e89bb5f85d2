package org.benchrig.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A rig config that cannot be used; {@link #getMessage()} has one line per problem. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(null, null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = problems.stream()
                .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
                .toList();
    }

    /** The problems in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Lines formatted {@code FILE:LINE:COL: FIELD_PATH: MESSAGE}, joined with {@code \n}. */
    @Override
    public String getMessage() {
        return problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
    }
}
