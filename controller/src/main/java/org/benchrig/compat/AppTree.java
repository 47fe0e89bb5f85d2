package org.benchrig.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The app's own files: where a module missing on a board may exist as pure Python that can be uploaded. */
final class AppTree {
    private static final Set<String> SKIP = Set.of("__pycache__", "venv", ".venv", "env", "site-packages",
            "node_modules", "build", "dist");

    private final Path root;

    AppTree(Path root) {
        this.root = root;
    }

    /** {@code NAME.py} or the package {@code NAME/__init__.py} anywhere in the tree, relative to its root. */
    Optional<String> module(String name) {
        if (root == null || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !skipped(p))
                    .filter(p -> p.getFileName().toString().equals(name + ".py")
                            || (p.getFileName().toString().equals("__init__.py")
                            && p.getParent().getFileName().toString().equals(name)))
                    .min(Comparator.comparingInt(Path::getNameCount))
                    .map(p -> root.relativize(p).toString());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private boolean skipped(Path p) {
        for (Path part : root.relativize(p)) {
            String s = part.toString();
            if (SKIP.contains(s) || (s.startsWith(".") && s.length() > 1)) {
                return true;
            }
        }
        return false;
    }
}
