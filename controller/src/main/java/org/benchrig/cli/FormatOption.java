package org.benchrig.cli;

import picocli.CommandLine.Option;

/** {@code --format table|json|csv}, shared by every command that lists things. */
public final class FormatOption {
    /** A table for people; JSON and CSV for tools (the same rows and fields). */
    public enum Format { table, json, csv }

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv",
            description = "table, json or csv (default: ${DEFAULT-VALUE})")
    Format format = Format.table;

    public Format format() {
        return format;
    }
}
