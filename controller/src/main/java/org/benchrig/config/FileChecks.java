package org.benchrig.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The filesystem checks behind a config's path values: a file that must exist, a directory that
 * must exist or be creatable, a command that must be executable. Each returns the problem's message
 * (as {@code MappingReader} reports it at the key), or null when the path is fine.
 */
final class FileChecks {

    private FileChecks() {
    }

    /** The problem with {@code p} as a file that must exist and be a regular file. */
    static String regularFile(Path p) {
        if (!Files.exists(p)) {
            return "file not found: " + p;
        }
        return Files.isRegularFile(p) ? null : "expected a regular file, but " + p + " is not one";
    }

    /** The problem with {@code p} as a directory, or a path that can be created as one (its parent is a directory). */
    static String directoryOrCreatable(Path p) {
        if (Files.exists(p)) {
            return Files.isDirectory(p) ? null
                    : "bad path: " + p + " exists but is not a directory; expected a directory or a path that can be created";
        }
        Path parent = p.getParent();
        if (parent == null || !Files.exists(parent)) {
            return "bad path: " + p + " cannot be created, its parent " + parent + " does not exist";
        }
        return Files.isDirectory(parent) ? null
                : "bad path: " + p + " cannot be created, its parent " + parent + " is not a directory";
    }

    /** The problem with {@code p} as a directory of benchmark files. */
    static String benchmarkDirectory(Path p) {
        return Files.isDirectory(p) ? null
                : "benchmark directory not found: " + p + " (expected a directory of benchmark files)";
    }

    /** Whether {@code cmd} names a file by its path (it contains a separator) rather than a command on PATH. */
    static boolean isPath(String cmd) {
        return cmd.contains("/") || cmd.contains(File.separator);
    }

    /** The problem with {@code p} as an interpreter given by its path. */
    static String executableFile(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? null
                : "interpreter not found: " + p + " is not an executable file";
    }

    /** The problem with {@code cmd} as an interpreter looked up on {@code pathEnv}. */
    static String commandOnPath(String cmd, String pathEnv) {
        return onPath(cmd, pathEnv) ? null
                : "interpreter '" + cmd + "' not found; expected a command on PATH or a path to an executable file";
    }

    private static boolean onPath(String cmd, String pathEnv) {
        for (String dir : pathEnv.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(dir, cmd);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return true;
                }
            } catch (InvalidPathException e) {
                // not a usable PATH entry
            }
        }
        return false;
    }
}
