package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.board.VerifiedUpload;
import org.benchrig.command.ConfigOption;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code benchrig upload BOARD local.py [name.py]}: verified upload to the board's filesystem. */
@Command(name = "upload", description = "Copy a file to a board's filesystem, verified by length and checksum.")
public final class UploadCommand implements Callable<Integer> {
    /** Generous: about 1 KB/s is the worst we have seen on a loaded host. */
    private static final Duration UPLOAD_WAIT = Duration.ofMinutes(2);

    @Mixin
    ConfigOption config;
    @Mixin
    BoardArgument board;
    @Parameters(index = "1", paramLabel = "LOCAL")
    Path local;
    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "name on the board (default: the local file name)")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(local)) {
            throw new IllegalArgumentException("no such file: " + local);
        }
        byte[] content = Files.readAllBytes(local);
        String target = name != null ? name : local.getFileName().toString();
        PrintWriter out = config.out();
        PrintWriter err = config.err();
        org.benchrig.config.RigConfig cfg = config.load();
        return BoardRoute.run(cfg.dataDir(), config.env().variables(), err, daemon -> {
            DaemonClient.Reply r = daemon.post("api/boards/" + board.id() + "/upload", java.util.Map.of("name", target,
                    "content_base64", java.util.Base64.getEncoder().encodeToString(content)), UPLOAD_WAIT.plusSeconds(30));
            var refused = BoardRoute.refused(daemon, r, err);
            if (refused.isPresent()) {
                return refused.get();
            }
            return report(out, ((Number) r.body().get("bytes")).intValue(), ((Number) r.body().get("elapsed_s")).doubleValue(),
                    ((Number) r.body().get("piece_retries")).intValue(), target);
        }, () -> {
            try (Rig rig = Rig.open(cfg)) {
                rig.setPurpose("benchrig upload");
                VerifiedUpload.Report r = rig.board(board.id()).upload(target, content, Deadline.in(UPLOAD_WAIT));
                return report(out, r.bytes(), r.elapsed().toNanos() / 1e9, r.pieceRetries(), target);
            }
        });
    }

    private int report(PrintWriter out, int bytes, double secs, int pieceRetries, String target) {
        out.printf(Locale.ROOT, "%s: %s, %d bytes in %.2f s (%.0f B/s), verified; %d piece(s) resent%n",
                board.id(), target, bytes, secs, bytes / secs, pieceRetries);
        out.flush();
        return 0;
    }
}
