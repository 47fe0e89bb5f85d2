package org.benchrig.flash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.benchrig.board.Board;
import org.benchrig.board.Boards;
import org.benchrig.board.Emulator;
import org.benchrig.board.EmulatedBoards;
import org.benchrig.time.Deadline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.benchrig.testing.NeedsEmulator;

/** Flashing the emulated micro:bit with two different images, each verified on the running board. */
@NeedsEmulator
class EmulatedFlashTest {
    private static final Duration FLASH_WAIT = Duration.ofSeconds(40);
    /** uFlash-style appended main.py: leaves a file on the board's filesystem when it runs at boot. */
    static final String MAIN_PY = "f=open('ran.txt','w')\nf.write('appended main.py ran')\nf.close()\n";

    @TempDir
    Path dir;

    @Test
    void twoImagesFlashAndVerifyWithDifferentHashesAndTheAppendedMainPyRuns() throws Exception {
        FirmwareImage debian = FirmwareImage.load(TestImages.MICROBIT_FIRMWARE);
        FirmwareImage withMain = FirmwareImage.load(TestImages.withAppendedScript(dir, MAIN_PY));
        assertThat(debian.version()).contains("v1.9.2-34-gd64154c73");
        assertThat(withMain.version()).isEqualTo(debian.version());
        assertThat(withMain.sha256()).isNotEqualTo(debian.sha256());
        assertThat(withMain.flashBytes()).isGreaterThan(debian.flashBytes());

        Emulator emulator = Emulator.start("fl1", TestImages.MICROBIT_FIRMWARE, dir.resolve("run"),
                Deadline.in(Duration.ofSeconds(20)));
        try (Board board = Boards.emulated(EmulatedBoards.config("fl1"), emulator)) {
            Flasher flasher = new EmulatedFlasher(emulator);

            FlashReport first = flasher.flash(debian, Deadline.in(FLASH_WAIT));
            board.connect(Deadline.in(FLASH_WAIT));
            FlashVerifier.Verification v1 = FlashVerifier.verify(board, debian, Deadline.in(FLASH_WAIT));
            assertThat(v1.problems()).isEmpty();
            assertThat(v1.release()).isEqualTo("1.9.2");
            assertThat(v1.version()).contains("MicroPython v1.9.2-34-gd64154c73");
            assertThat(v1.machine()).contains("nRF51822");
            assertThat(v1.use().chipFlash()).isEqualTo(256 * 1024);
            assertThat(v1.use().firmwareBytes()).isEqualTo(debian.flashBytes());
            assertThat(emulator.firmware()).isEqualTo(debian.path());
            assertThat(board.exec("import os\nprint('ran.txt' in os.listdir())", Deadline.in(FLASH_WAIT))
                    .stdoutOrThrow().strip()).isEqualTo("False");

            FlashReport second = flasher.flash(withMain, Deadline.in(FLASH_WAIT));
            board.connect(Deadline.in(FLASH_WAIT));
            FlashVerifier.Verification v2 = FlashVerifier.verify(board, withMain, Deadline.in(FLASH_WAIT));
            assertThat(v2.problems()).isEmpty();
            assertThat(v2.image().sha256()).isNotEqualTo(v1.image().sha256());
            assertThat(first.image().sha256()).isEqualTo(debian.sha256());
            assertThat(second.image().sha256()).isEqualTo(withMain.sha256());
            // the appended script ran at boot: the file it wrote is on the fresh filesystem
            assertThat(board.exec("print(open('ran.txt').read())", Deadline.in(FLASH_WAIT)).stdoutOrThrow().strip())
                    .isEqualTo("appended main.py ran");
            assertThat(v2.use().fsUsed()).isGreaterThanOrEqualTo("appended main.py ran".length());
        }
        assertThat(emulator.alive()).isFalse();
    }
}
