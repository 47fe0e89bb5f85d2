package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.benchrig.store.BoardRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** A board serves one process at a time; the loser is told who has it, and a dead holder loses it. */
@NeedsEmulator
class BoardLockingTest {
    @TempDir
    Path dir;

    @Test
    void execDuringARunIsToldTheRunHasTheBoard() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "lock-rig", new String[] {"mb1"}, new String[0]);
        try (ChildController run = new ChildController("run", "--config", cfg.toString(), "--suite", "default",
                "--repeat", "3")) {
            String started = run.awaitLine(l -> l.startsWith("run ") && l.contains("suite default"), 60);
            String runId = started.split("[ :]")[1];
            run.awaitLine(l -> l.startsWith("[mb1]") && l.contains(" cold #0: "), 120);
            CliHarness.Result exec = CliHarness.run("exec", "mb1", "print(1)", "--config", cfg.toString());
            assertThat(exec.exit()).isEqualTo(3);
            assertThat(exec.err()).containsPattern("board mb1 is busy: run " + runId + " since \\d\\d:\\d\\d");
        }
    }

    @Test
    void aLockHeldByAKilledProcessIsTakenOver() throws Exception {
        Path cfg = CliHarness.writeConfig(dir, "lock-rig", new String[] {"mb1"}, new String[0]);
        try (ChildController holder = new ChildController("exec", "mb1", "--timeout", "300", "--config",
                cfg.toString(), "--file", writeSpinner().toString());
             BoardRecords records = BoardRecords.open(dir.resolve("data/benchrig.db"), Clock.systemUTC())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> records.lease("mb1").isPresent());
            CliHarness.Result refused = CliHarness.run("exec", "mb1", "print(1)", "--config", cfg.toString());
            assertThat(refused.exit()).isEqualTo(3);
            assertThat(refused.err()).containsPattern("board mb1 is busy: benchrig exec since \\d\\d:\\d\\d");
            holder.kill();
            // the next command takes over the dead holder's lease and ends its orphaned emulator
            CliHarness.Result taken = CliHarness.run("exec", "mb1", "print('mine now')", "--config", cfg.toString());
            assertThat(taken.exit()).as(taken.err()).isZero();
            assertThat(taken.out()).isEqualTo("mine now\n");
        }
    }

    /** A board script that runs until it is stopped. */
    private Path writeSpinner() throws Exception {
        Path script = dir.resolve("spin.py");
        Files.writeString(script, "while True:\n    pass\n");
        return script;
    }
}
