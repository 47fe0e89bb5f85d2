package org.benchrig.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.benchrig.board.ExecOutcome;
import org.benchrig.board.ReplFailure;
import org.benchrig.board.VerifiedUpload;
import org.benchrig.time.Deadline;

/**
 * The CLI's board commands on the boards this process keeps open, each under its board's claim
 * (a board a run holds answers {@link org.benchrig.board.BoardBusy}): what the daemon serves.
 * Answers are the commands' JSON fields, so web needs no board types.
 */
public final class BoardActions {
    private final Rig rig;

    public BoardActions(Rig rig) {
        this.rig = rig;
    }

    /** Runs {@code code} checked (rerun up to {@code retries} times when damaged); the outcome's fields. */
    public Map<String, Object> exec(String board, String code, String label, int retries, Duration timeout) {
        ExecOutcome outcome;
        try (BoardClaims.Claim claim = rig.claims().tryClaim(board, "benchrig exec")) {
            outcome = ExecOutcome.of(rig.board(board).execChecked(code, label, retries, Deadline.in(timeout)));
        } catch (ReplFailure f) {
            outcome = ExecOutcome.of(f);
        }
        return outcome.toMap();
    }

    /** A verified upload of {@code content} as {@code name}; what was sent and retried. */
    public Map<String, Object> upload(String board, String name, byte[] content, Duration wait) {
        try (BoardClaims.Claim claim = rig.claims().tryClaim(board, "benchrig upload")) {
            VerifiedUpload.Report r = rig.board(board).upload(name, content, Deadline.in(wait));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("board", board);
            m.put("name", r.name());
            m.put("bytes", r.bytes());
            m.put("piece_retries", r.pieceRetries());
            m.put("file_retries", r.fileRetries());
            m.put("elapsed_s", r.elapsed().toNanos() / 1e9);
            return m;
        }
    }
}
