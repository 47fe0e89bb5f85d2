package org.benchrig.compat;

import java.util.List;

/**
 * What {@code benchrig compat FILE} checks: the dependencies read from FILE and the app's own tree
 * (where a missing board module may exist as a file that can be uploaded).
 *
 * @param kind     requirements, pyproject or source
 * @param appTree  the directory holding the app's own files
 * @param pipOptions index options the file itself carries (requirements.txt {@code --find-links} etc.)
 */
public record AppDependencies(java.nio.file.Path file, Kind kind, java.nio.file.Path appTree,
                              List<Dependency> dependencies, List<String> pipOptions) {
    public enum Kind { REQUIREMENTS, PYPROJECT, SOURCE }

    public AppDependencies {
        dependencies = List.copyOf(dependencies);
        pipOptions = List.copyOf(pipOptions);
    }
}
