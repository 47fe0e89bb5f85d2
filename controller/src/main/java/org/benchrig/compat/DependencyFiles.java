package org.benchrig.compat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Picks the reader for FILE: a pyproject.toml, a Python source file or directory, else a requirements file. */
public final class DependencyFiles {
    private DependencyFiles() {
    }

    /** @param python an interpreter whose {@code ast} reads source files */
    static AppDependencies read(Path file, String python, Subprocess processes) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (Files.isDirectory(file) || name.endsWith(".py")) {
            return SourceImports.read(file, python, processes);
        }
        if (name.endsWith(".toml")) {
            return PyprojectFile.read(file);
        }
        return RequirementsFile.read(file);
    }
}
