package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** Leftover emulators are ended only when they are ours and their controller is gone. */
@NeedsEmulator
class EmulatorLeftoverTest {
    @TempDir
    Path dir;

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aProcessThatMerelyReusesARecordedPidIsNeverKilled() throws Exception {
        Process bystander = new ProcessBuilder("sleep", "60").start();
        try {
            Path runtime = Files.createDirectories(dir.resolve("emulators"));
            Emulator.State forged = new Emulator.State("mb9", bystander.pid(), deadPid(), "", "/nonexistent/mb9.qmp",
                    "/dev/pts/99", EmulatedBoards.FIRMWARE.toString(), "2026-01-01T00:00:00Z");
            new ObjectMapper().writeValue(runtime.resolve("mb9.json").toFile(), forged);
            assertThat(Emulator.endLeftovers(runtime)).isEmpty();
            assertThat(bystander.isAlive()).isTrue();
            assertThat(runtime.resolve("mb9.json")).doesNotExist();
        } finally {
            bystander.destroyForcibly().waitFor();
        }
    }

    @Test
    void anEmulatorWhoseControllerLivesIsLeftAloneAndItsBoardIsBusy() {
        Path runtime = dir.resolve("emulators");
        try (Emulator mine = Emulator.start("mb7", EmulatedBoards.FIRMWARE, runtime, Deadline.in(Duration.ofSeconds(20)))) {
            assertThat(Emulator.endLeftovers(runtime)).isEmpty();
            assertThat(mine.alive()).isTrue();
            assertThatThrownBy(() -> Emulator.start("mb7", EmulatedBoards.FIRMWARE, runtime, Deadline.in(Duration.ofSeconds(20))))
                    .isInstanceOf(BoardBusy.class).hasMessageContaining("board mb7 is in use by process "
                            + ProcessHandle.current().pid());
            long pid = mine.pid();
            mine.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }
}
