package org.benchrig.compat;

import java.util.List;

/** The whole answer of {@code benchrig compat}: what was read, the targets, a finding per dependency and target. */
public record CompatReport(String file, String kind, List<String> pipOptions, List<TargetInfo> targets,
                           List<Finding> findings) {
    public CompatReport {
        pipOptions = List.copyOf(pipOptions);
        targets = List.copyOf(targets);
        findings = List.copyOf(findings);
    }

    /** A dependency that some target cannot have (an optional import missing does not count). */
    public boolean anyBlocked() {
        return findings.stream().anyMatch(f -> !f.optional()
                && (f.verdict() == Verdict.CANNOT_INSTALL || f.verdict() == Verdict.MISSING));
    }

    public boolean anyNotChecked() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.NOT_CHECKED);
    }
}
