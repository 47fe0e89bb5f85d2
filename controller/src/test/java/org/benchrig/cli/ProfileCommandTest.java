package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.benchrig.profile.BoardProfiles;
import org.benchrig.profile.FoldedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;
import org.benchrig.testing.RunsHosts;

/** {@code benchrig profile}: stored with a run of its own, exported, and summarized in the report. */
@NeedsEmulator
@RunsHosts
class ProfileCommandTest {
    @TempDir
    Path dir;

    @Test
    void profilesAHostStoresTheRunExportsAndTheReportSaysWhereTheTimeGoes() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "prof-rig", new String[] {"mb1"}, new String[] {"cpython"});
        Path export = dir.resolve("export");
        CliHarness.Result r = CliHarness.run("profile", "sieve", "--config", cfg.toString(), "--target", "cpython",
                "--target", "mb1", "--tier", "m", "--seconds", "0.5", "--warmup-seconds", "0.2", "--export", export.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("sieve on cpython (tier m): cpython").contains("Python ").contains("built-ins/C")
                .contains("bench (sieve.py:").contains("sieve on mb1 (tier m): unsupported: " + BoardProfiles.NOTE);
        String runId = r.out().replaceAll("(?s).*profiles stored with run (\\d+).*", "$1");

        FoldedStacks folded = FoldedStacks.parse(Files.readString(export.resolve("sieve-cpython.folded")), "sieve-cpython.folded");
        assertThat(folded.totalUs()).isPositive();
        assertThat(new ObjectMapper().readTree(export.resolve("sieve-cpython.speedscope.json").toFile())
                .get("profiles").get(0).get("type").asText()).isEqualTo("sampled");

        CliHarness.Result rep = CliHarness.run("report", "--config", cfg.toString(), "--run", runId, "--format", "md");
        assertThat(rep.exit()).as(rep.err()).isZero();
        String md = rep.out();
        assertThat(md).contains("## Where the time goes");
        assertThat(md.indexOf("## Where the time goes")).isGreaterThan(md.indexOf("## Decision matrix"));
        assertThat(md).containsPattern("\\| sieve \\| cpython \\| cpython 3\\.\\d+\\.\\d+ \\| \\d+\\.\\d % \\| \\d+\\.\\d % \\| \\d+\\.\\d % \\| `bench \\(sieve\\.py:\\d+\\)`")
                .contains("| sieve | mb1 |").contains("MicroPython 1.9.2 has no profiler hook");
    }

    @Test
    void anUnknownTargetIsAUsageErrorNamingTheHosts() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "prof-rig", new String[] {}, new String[] {"cpython"});
        CliHarness.Result r = CliHarness.run("profile", "sieve", "--config", cfg.toString(), "--target", "nope");
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--target nope: no such target").contains("hosts: cpython");
        assertThat(CliHarness.run("runs", "--config", cfg.toString()).out()).doesNotContain("profile:");   // no run was started
    }
}
