package org.benchrig.selfbench.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A temporary directory a selfbench kind works in; closing it deletes it with everything in it. */
final class Scratch implements AutoCloseable {
    private final Path dir;

    Scratch(String prefix) throws IOException {
        dir = Files.createTempDirectory(prefix);
    }

    Path dir() {
        return dir;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
