package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.RigConfig;
import org.benchrig.flash.FirmwareImage;
import org.benchrig.flash.FlashFailed;
import org.benchrig.flash.FlashReport;
import org.benchrig.flash.FlashVerifier;
import org.benchrig.flash.InvalidImage;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code benchrig flash BOARD FIRMWARE [--verify-only]}: validate the image, flash it with the
 * board's flasher, then check the board runs it. Exit 0 verified, 1 flash or verification
 * failed, 2 the image was refused.
 */
@Command(name = "flash", description = "Flash a firmware image (.hex, .uf2, .bin) on a board and verify it runs.")
public final class FlashCommand implements Callable<Integer> {
    private static final Duration VERIFY_WAIT = Duration.ofSeconds(30);

    @ParentCommand
    BenchrigCommand parent;
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "BOARD")
    String boardId;
    @Parameters(index = "1", paramLabel = "FIRMWARE")
    Path firmware;
    @Option(names = "--verify-only", description = "validate the file and check the board runs it; write nothing")
    boolean verifyOnly;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RigConfig rc = config.load(parent.env);
        BoardConfig bc = rc.board(boardId).orElseThrow(() -> new IllegalArgumentException("no board '" + boardId
                + "' in " + rc.source() + "; boards: " + rc.boards().stream().map(BoardConfig::id).toList()));
        FirmwareImage image;
        try {
            image = FirmwareImage.load(firmware);
        } catch (InvalidImage e) {
            err.println("refused: " + e.getMessage());
            err.flush();
            return 2;
        }
        out.printf("image   %s%n        %s, %d bytes (%d bytes of flash data), sha256 %s%n        %s%n",
                image.path(), image.format().name().toLowerCase(Locale.ROOT), image.size(), image.flashBytes(),
                image.sha256(), image.banner().map(Object::toString).orElse("no MicroPython banner found in the image"));
        out.flush();
        try (Rig rig = Rig.open(rc)) { // ends emulators a killed controller left; holds the board's lease
            rig.setPurpose("benchrig flash");
            FlashVerifier.Verification v;
            if (verifyOnly) {
                v = FlashVerifier.verify(rig.board(boardId), image, Deadline.in(VERIFY_WAIT));
            } else {
                Rig.Flashed f = rig.flash(boardId, image, line -> progress(out, line));
                FlashReport r = f.report();
                out.println("flash   " + r.flasher());
                r.steps().forEach(st -> out.println("        - " + st));
                out.printf(Locale.ROOT, "        done in %.1f s%n", r.elapsed().toMillis() / 1000.0);
                v = f.verification();
            }
            return report(v, image, out);
        } catch (FlashFailed e) {
            err.println("FLASH FAILED: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static void progress(PrintWriter out, String line) {
        out.println("        | " + line);
        out.flush();
    }

    private static int report(FlashVerifier.Verification v, FirmwareImage image, PrintWriter out) {
        out.printf("board   %s: MicroPython %s, %s%n        machine %s%n", v.board(), v.release(), v.version(), v.machine());
        FlashVerifier.FlashUse u = v.use();
        out.printf(Locale.ROOT, "flash   firmware %d of %s bytes%s; filesystem %d bytes used, %s free%n",
                u.firmwareBytes(), u.chipFlash() < 0 ? "?" : Long.toString(u.chipFlash()),
                u.chipFlash() > 0 ? String.format(Locale.ROOT, " (%.1f%%)", 100 * u.firmwareShare()) : "",
                u.fsUsed(), u.fsFree() < 0 ? "?" : Long.toString(u.fsFree()));
        v.notes().forEach(n -> out.println("note    " + n));
        v.problems().forEach(p -> out.println("PROBLEM " + p));
        out.println(v.passed() ? "VERIFIED " + v.board() + " runs " + image.path().getFileName() + " (sha256 "
                + image.shortSha() + ", " + image.size() + " bytes, " + image.version().orElse("version unknown") + ")"
                : "NOT VERIFIED: " + v.board() + " does not run this image");
        out.flush();
        return v.passed() ? 0 : 1;
    }
}
