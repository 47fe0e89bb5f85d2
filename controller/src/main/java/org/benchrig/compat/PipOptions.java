package org.benchrig.compat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The index options handed to every pip call ({@code --index-url}, {@code --extra-index-url},
 * {@code --find-links}, {@code --no-index}). With {@code --no-index} nothing can be fetched, so
 * builds use the interpreter's own setuptools and wheel ({@code --no-build-isolation}) instead of
 * downloading them into an isolated build environment.
 */
public record PipOptions(List<String> args) {
    public PipOptions {
        args = List.copyOf(args);
    }

    public PipOptions plus(List<String> more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(more);
        return new PipOptions(all);
    }

    List<String> isolation() {
        return args.contains("--no-index") ? List.of("--no-build-isolation") : List.of();
    }

    /** "; the index has only: f1, f2" from the local --find-links directories, for a "no distribution" answer. */
    String localFilesOf(String name) {
        String prefix = PipChecker.normal(name) + "-";
        List<String> files = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (!(args.get(i).equals("--find-links") || args.get(i).equals("-f")) || args.get(i + 1).contains("://")) {
                continue;
            }
            Path dir = Path.of(args.get(i + 1));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path f : s) {
                    String n = f.getFileName().toString();
                    if (PipChecker.normal(n).startsWith(prefix)) {
                        files.add(n);
                    }
                }
            } catch (IOException ignored) {
                // an unreadable directory adds nothing to the explanation
            }
        }
        files.sort(null);
        return files.isEmpty() ? "" : "; the index has only " + String.join(", ", files);
    }
}
