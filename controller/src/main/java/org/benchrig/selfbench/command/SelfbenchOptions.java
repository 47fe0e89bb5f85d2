package org.benchrig.selfbench.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.benchrig.command.CommandMixin;
import org.benchrig.selfbench.DocSection;
import picocli.CommandLine.Option;

/**
 * What every selfbench kind shares: {@code --write-docs}, the environment and output streams of
 * the kind it is mixed into, and that kind's section of docs/performance.md.
 */
public final class SelfbenchOptions extends CommandMixin {
    /** The text docs/performance.md starts with when it does not exist yet. */
    static final String PERFORMANCE_INTRO = String.join("\n",
            "# benchrig performance",
            "",
            "Measurements of the controller itself (`./benchrig selfbench KIND`). The machine they run on is",
            "noisy: two CPU cores shared with other work. So every figure is a median (with its N) and every",
            "comparison is a ratio of two figures measured side by side in the same run, interleaved, never",
            "against a number from another day. Each `selfbench` kind keeps its own section below and",
            "replaces only that section when it is run with `--write-docs`.",
            "");

    @Option(names = "--write-docs", description = "also replace the '## selfbench ${COMMAND-NAME}' section of "
            + "docs/performance.md")
    boolean writeDocs;

    /** Prints "selfbench KIND: WHERE", the table and the verdict line. */
    void print(String where, ResultTable table, String verdict) {
        PrintWriter out = out();
        out.println("selfbench " + command.name() + ": " + where);
        table.print(out);
        out.println(verdict);
        out.flush();
    }

    /** With --write-docs: the table, the verdict and why, under {@link #measured}. */
    void writeDocs(String where, String command, ResultTable table, String verdict, String why) throws IOException {
        writeDocs(where, command, table.markdown() + "\n" + verdict + ".\n\n" + why);
    }

    /** With --write-docs: {@code body} under "Measured DATE, WHERE. Reproduce with: COMMAND". */
    void writeDocs(String where, String command, String body) throws IOException {
        writeSection(measured(", ", where, command) + body);
    }

    /** With --write-docs: replaces the {@code ## selfbench KIND} section of docs/performance.md with {@code body}. */
    void writeSection(String body) throws IOException {
        if (!writeDocs) {
            return;
        }
        Path doc = env().home().resolve("docs").resolve("performance.md");
        Files.createDirectories(doc.getParent());
        String old = Files.isRegularFile(doc) ? Files.readString(doc) : "";
        String heading = "## selfbench " + command.name();
        Files.writeString(doc, DocSection.replace(old, PERFORMANCE_INTRO, heading, body));
        err().println("selfbench " + command.name() + ": wrote the '" + heading + "' section of " + doc);
        err().flush();
    }

    /** "Measured DATE{joiner}WHERE. Reproduce with:" and the command in a code block. */
    static String measured(String joiner, String where, String command) {
        return "Measured " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + joiner + where + ". Reproduce with:\n\n```\n" + command + " --write-docs\n```\n\n";
    }
}
