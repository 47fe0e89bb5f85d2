package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchrig.command.Table;
import org.benchrig.compat.CompatReport;
import org.benchrig.compat.Finding;
import org.benchrig.compat.TargetInfo;

/** The compat answer as text: a dependency x target matrix, each finding's reason, how each target was asked. */
final class CompatPrinter {
    private CompatPrinter() {
    }

    static void print(CompatReport r, PrintWriter out) {
        out.println(r.file() + " (" + r.kind() + "): " + r.findings().stream().map(Finding::dependency).distinct().count()
                + " dependencies on " + r.targets().size() + " targets");
        if (r.findings().isEmpty()) {
            out.println("nothing to check");
            out.flush();
            return;
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        r.targets().forEach(t -> kinds.put(t.id(), t.kind()));
        List<String> header = new ArrayList<>(List.of("dependency"));
        header.addAll(kinds.keySet());
        Table matrix = new Table(header.toArray(String[]::new));
        Map<String, List<Finding>> byDep = new LinkedHashMap<>();
        r.findings().forEach(f -> byDep.computeIfAbsent(f.dependency(), k -> new ArrayList<>()).add(f));
        for (Map.Entry<String, List<Finding>> e : byDep.entrySet()) {
            List<Object> row = new ArrayList<>(List.of(e.getKey() + (e.getValue().get(0).optional() ? " (optional)" : "")));
            for (String target : kinds.keySet()) {
                row.add(e.getValue().stream().filter(f -> f.target().equals(target)).findFirst()
                        .map(f -> f.verdict().label(kinds.get(target))).orElse(""));
            }
            matrix.row(row.toArray());
        }
        matrix.print(out);
        out.println();
        Table why = new Table("dependency", "target", "verdict", "from", "reason");
        for (Finding f : r.findings()) {
            why.row(f.dependency(), f.target(), f.verdict().label(kinds.getOrDefault(f.target(), "host")), f.origin(),
                    f.reason());
        }
        why.print(out);
        out.println();
        for (TargetInfo t : r.targets()) {
            out.println(t.id() + ": " + t.description() + "; asked by " + t.checkedBy());
        }
        out.flush();
    }
}
