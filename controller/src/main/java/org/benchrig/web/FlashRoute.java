package org.benchrig.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.benchrig.bench.Rig;
import org.benchrig.bench.RunService;
import org.benchrig.board.BoardBusy;
import org.benchrig.flash.FirmwareImage;
import org.benchrig.flash.FlashFailed;
import org.benchrig.flash.FlashReport;
import org.benchrig.flash.FlashVerifier;
import org.benchrig.flash.InvalidImage;
import org.benchrig.store.RunInfo;
import org.benchrig.time.Deadline;

/**
 * {@code POST /api/boards/{id}/flash} {"firmware": PATH, "verify_only": false}: puts a firmware
 * image from the controller's disk on a board (as {@code benchrig flash}), or only checks what the
 * board runs against it, and answers with the image, the steps and the verification.
 */
final class FlashRoute {
    /** Firmware files the flash action accepts (as {@code benchrig flash}). */
    private static final Pattern FIRMWARE_FILE = Pattern.compile("(?i).+\\.(hex|uf2|bin)");
    private static final Duration VERIFY_WAIT = Duration.ofSeconds(30);

    /** The request's body. */
    record Form(String firmware, Boolean verifyOnly) {
    }

    private final RunService service;
    private final Events events;
    private final Params params;

    FlashRoute(RunService service, Events events, Params params) {
        this.service = service;
        this.events = events;
        this.params = params;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/api/boards/{id}/flash", this::flash);
    }

    private void flash(Context ctx) {
        String id = params.board(ctx);
        Form req = Params.body(ctx, Form.class, new Form(null, null));
        Path path = firmwarePath(req.firmware());
        Optional<RunInfo> using = runUsing(id);
        if (using.isPresent()) {
            RunInfo r = using.get();
            Answers.error(ctx, 409, "board " + id + " is busy: run " + r.id() + " since "
                    + DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
                    .format(r.startedAt() == null ? Instant.now() : r.startedAt()));
            return;
        }
        FirmwareImage image;
        try {
            image = FirmwareImage.load(path);
        } catch (InvalidImage e) {
            throw new IllegalArgumentException("refused: " + e.getMessage());
        }
        List<String> progress = new CopyOnWriteArrayList<>();
        FlashReport report = null;
        FlashVerifier.Verification v;
        Rig rig = service.rig();
        try (var claim = rig.claims().tryClaim(id, "benchrig flash")) {
            if (Boolean.TRUE.equals(req.verifyOnly())) {
                v = FlashVerifier.verify(rig.board(id), image, Deadline.in(VERIFY_WAIT));
            } else {
                events.send("board-state", new Events.BoardState(id, "FLASHING", "flashing " + path.getFileName()));
                Rig.Flashed f = rig.flash(id, image, progress::add);
                report = f.report();
                v = f.verification();
            }
        } catch (BoardBusy e) {
            Answers.error(ctx, 409, e.getMessage());
            return;
        } catch (InvalidImage e) {
            Answers.error(ctx, 400, "refused: " + e.getMessage());
            return;
        } catch (FlashFailed e) {
            Answers.error(ctx, 502, "flash failed: " + e.getMessage());
            return;
        }
        ctx.json(answer(id, image, report, progress, v));
    }

    /** The firmware file named in the request: a .hex, .uf2 or .bin file that exists on the controller. */
    private static Path firmwarePath(String given) {
        if (given == null || given.isBlank()) {
            throw new IllegalArgumentException("expected {\"firmware\": \"<path of a .hex, .uf2 or .bin file on the controller>\"}");
        }
        Path path;
        try {
            path = Path.of(given).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + given);
        }
        if (!FIRMWARE_FILE.matcher(path.getFileName() == null ? "" : path.getFileName().toString()).matches()) {
            throw new IllegalArgumentException(given + ": not a firmware image; expected a .hex, .uf2 or .bin file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(given + ": no such file on the controller");
        }
        return path;
    }

    /** The run of this controller that uses {@code board} now, if any. */
    private Optional<RunInfo> runUsing(String board) {
        return service.currentRun().flatMap(r -> service.store().run(r)).filter(r -> r.targets().contains(board));
    }

    /**
     * What a flash did: the flasher, its time and steps (null and empty with {@code verify_only}),
     * the image, and what the board runs afterwards.
     */
    record Flashed(String board, boolean verified, String flasher, Double elapsedS, List<String> steps,
                   List<String> progress, Image image, String release, String version, String machine,
                   FlashVerifier.FlashUse flashUse, List<String> notes, List<String> problems) {
    }

    /** The firmware image flashed or checked against. */
    record Image(String path, String format, long size, long flashBytes, String sha256, String version) {
    }

    private static Flashed answer(String id, FirmwareImage image, FlashReport report, List<String> progress,
                                  FlashVerifier.Verification v) {
        return new Flashed(id, v.passed(), report == null ? null : report.flasher(),
                report == null ? null : report.elapsed().toMillis() / 1000.0, report == null ? List.of() : report.steps(),
                progress, new Image(image.path().toString(), image.format().name().toLowerCase(), image.size(),
                        image.flashBytes(), image.sha256(), image.version().orElse(null)),
                v.release(), v.version(), v.machine(), v.use(), v.notes(), v.problems());
    }
}
