package org.benchrig.config;

import java.nio.file.Path;

/**
 * One thing wrong with a rig config, pinned to where it is.
 *
 * @param file    the config file as the user named it
 * @param line    1-based line
 * @param column  1-based column
 * @param path    field path such as {@code boards[1].pacing.chunk_bytes}; {@code (root)} for the
 *                document itself
 * @param message what is wrong and what was expected
 */
public record ConfigProblem(Path file, int line, int column, String path, String message) {

    /** {@code FILE:LINE:COL: FIELD_PATH: MESSAGE}, always one line. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
