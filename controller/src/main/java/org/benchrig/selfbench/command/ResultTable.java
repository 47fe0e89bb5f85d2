package org.benchrig.selfbench.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.benchrig.command.Table;

/** A selfbench result table: printed for people and written to docs/performance.md, from the same cells. */
final class ResultTable {
    private final String[] header;
    private final List<Object[]> rows = new ArrayList<>();

    ResultTable(String... header) {
        this.header = header;
    }

    ResultTable row(Object... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        Table t = new Table(header);
        rows.forEach(t::row);
        t.print(out);
    }

    /** The Markdown table; a '|' in a cell is escaped. */
    String markdown() {
        StringBuilder md = new StringBuilder("| " + String.join(" | ", header) + " |\n|" + "---|".repeat(header.length) + "\n");
        for (Object[] r : rows) {
            md.append('|');
            for (Object c : r) {
                md.append(' ').append(String.valueOf(c).replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
