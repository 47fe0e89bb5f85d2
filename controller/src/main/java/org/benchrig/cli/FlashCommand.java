package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.command.ConfigOption;
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

/**
 * {@code benchrig flash BOARD FIRMWARE [--verify-only]}: validate the image, flash it with the
 * board's flasher, then check the board runs it. Exit 0 verified, 1 flash or verification
 * failed, 2 the image was refused.
 */
@Command(name = "flash", description = "Flash a firmware image (.hex, .uf2, .bin) on a board and verify it runs.")
public final class FlashCommand implements Callable<Integer> {
    private static final Duration VERIFY_WAIT = Duration.ofSeconds(30);

    @Mixin
    ConfigOption config;
    @Mixin
    BoardArgument board;
    @Parameters(index = "1", paramLabel = "FIRMWARE")
    Path firmware;
    @Option(names = "--verify-only", description = "validate the file and check the board runs it; write nothing")
    boolean verifyOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = config.out();
        PrintWriter err = config.err();
        RigConfig rc = config.load();
        BoardConfig bc = rc.board(board.id()).orElseThrow(() -> new IllegalArgumentException("no board '" + board.id()
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
        return BoardRoute.run(rc.dataDir(), config.env().variables(), err, daemon -> viaDaemon(daemon, image, out, err),
                () -> direct(rc, image, out, err));
    }

    private int direct(RigConfig rc, FirmwareImage image, PrintWriter out, PrintWriter err) {
        try (Rig rig = Rig.open(rc)) { // ends emulators a killed controller left; holds the board's lease
            rig.setPurpose("benchrig flash");
            FlashVerifier.Verification v;
            if (verifyOnly) {
                v = FlashVerifier.verify(rig.board(board.id()), image, Deadline.in(VERIFY_WAIT));
            } else {
                Rig.Flashed f = rig.flash(board.id(), image, line -> progress(out, line));
                printFlash(f.report(), out);
                v = f.verification();
            }
            return report(v, image, out);
        } catch (FlashFailed e) {
            err.println("FLASH FAILED: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The daemon flashes (POST /api/boards/{id}/flash); its answer is shown as the direct path shows it. */
    @SuppressWarnings("unchecked")
    private int viaDaemon(DaemonClient daemon, FirmwareImage image, PrintWriter out, PrintWriter err)
            throws DaemonClient.Gone, java.io.IOException {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("firmware", image.path().toAbsolutePath().toString());
        body.put("verify_only", verifyOnly);
        DaemonClient.Reply r = daemon.post("api/boards/" + board.id() + "/flash", body, FLASH_ANSWER);
        if (r.status() == 502) {
            err.println(daemon.viaLine());
            err.println("FLASH FAILED: " + r.error().replaceFirst("^flash failed: ", ""));
            err.flush();
            return 1;
        }
        var refused = BoardRoute.refused(daemon, r, err);
        if (refused.isPresent()) {
            return refused.get();
        }
        java.util.Map<String, Object> m = r.body();
        if (!verifyOnly) {
            ((List<Object>) m.get("progress")).forEach(line -> progress(out, line.toString()));
            printFlash(new FlashReport(m.get("flasher").toString(), image,
                    Duration.ofMillis(Math.round(((Number) m.get("elapsed_s")).doubleValue() * 1000)),
                    strings(m.get("steps"))), out);
        }
        java.util.Map<String, Object> use = (java.util.Map<String, Object>) m.get("flash_use");
        return report(new FlashVerifier.Verification(board.id(), image, (String) m.get("release"), (String) m.get("version"),
                (String) m.get("machine"), new FlashVerifier.FlashUse(longOf(use, "firmware_bytes"), longOf(use, "chip_flash"),
                longOf(use, "fs_used"), longOf(use, "fs_free")), strings(m.get("problems")), strings(m.get("notes"))),
                image, out);
    }

    /** Programming plus verification, as the daemon's own deadlines add up (Rig.flash: 3 min + 30 s). */
    private static final Duration FLASH_ANSWER = Duration.ofMinutes(5);

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static long longOf(java.util.Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static void printFlash(FlashReport r, PrintWriter out) {
        out.println("flash   " + r.flasher());
        r.steps().forEach(st -> out.println("        - " + st));
        out.printf(Locale.ROOT, "        done in %.1f s%n", r.elapsed().toMillis() / 1000.0);
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
