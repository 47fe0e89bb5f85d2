package org.benchrig.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * State shared while one file is read: where it is, where each node sits in it, the problems found
 * so far and the target ids claimed so far.
 */
final class ReadContext {

    private final Path file;
    private final Path baseDir;
    private final String pathEnv;
    private final Map<JsonPointer, JsonLocation> keyLocations;
    private final Map<JsonPointer, JsonLocation> valueLocations;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<ClaimedId> ids = new ArrayList<>();

    private record ClaimedId(String id, String path, JsonLocation location) {}

    ReadContext(Path file, String pathEnv, Map<JsonPointer, JsonLocation> keyLocations,
                Map<JsonPointer, JsonLocation> valueLocations) {
        this.file = file;
        Path parent = file.toAbsolutePath().normalize().getParent();
        this.baseDir = parent != null ? parent : file.toAbsolutePath();
        this.pathEnv = pathEnv == null ? "" : pathEnv;
        this.keyLocations = keyLocations;
        this.valueLocations = valueLocations;
    }

    Path baseDir() {
        return baseDir;
    }

    String pathEnv() {
        return pathEnv;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** Where the value at {@code pointer} starts, or the nearest enclosing node that has a location. */
    JsonLocation valueLocation(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null; p = p.head()) {
            JsonLocation l = valueLocations.get(p);
            if (l != null) {
                return l;
            }
            l = keyLocations.get(p);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /** Where the key naming {@code pointer} is, or where its value is for list items. */
    JsonLocation keyLocation(JsonPointer pointer) {
        JsonLocation l = keyLocations.get(pointer);
        return l != null ? l : valueLocation(pointer);
    }

    void problem(JsonLocation location, String path, String message) {
        int line = location == null ? 1 : Math.max(1, location.getLineNr());
        int column = location == null ? 1 : Math.max(1, location.getColumnNr());
        problems.add(new ConfigProblem(file, line, column, path.isEmpty() ? "(root)" : path, message));
    }

    void claimId(String id, String path, JsonLocation location) {
        ids.add(new ClaimedId(id, path, location));
    }

    /** Reports every id used a second time, at the later occurrence in the file. */
    void checkUniqueIds() {
        List<ClaimedId> inFileOrder = new ArrayList<>(ids);
        inFileOrder.sort(Comparator.comparingInt((ClaimedId c) -> line(c.location()))
                .thenComparingInt(c -> c.location() == null ? 0 : c.location().getColumnNr()));
        for (int i = 0; i < inFileOrder.size(); i++) {
            ClaimedId later = inFileOrder.get(i);
            for (int j = 0; j < i; j++) {
                ClaimedId first = inFileOrder.get(j);
                if (first.id().equals(later.id())) {
                    problem(later.location(), later.path(), "duplicate id '" + later.id()
                            + "'; ids must be unique across boards and hosts, first used at line "
                            + line(first.location()) + " (" + first.path() + ")");
                    break;
                }
            }
        }
    }

    private static int line(JsonLocation l) {
        return l == null ? 0 : l.getLineNr();
    }
}
