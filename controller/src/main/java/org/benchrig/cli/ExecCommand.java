package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.board.ExecOutcome;
import org.benchrig.board.ReplFailure;
import org.benchrig.command.ConfigOption;
import org.benchrig.result.FailureClass;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code benchrig exec BOARD 'code'} or {@code --file script.py}: run code on a board as a program
 * ({@code __name__ == '__main__'}), print its output once the output's checksums confirm it.
 */
@Command(name = "exec", description = "Run Python code on a board and print its output, checked on the way back; "
        + "exit 1 on a board exception, 4 when the output arrived damaged.")
public final class ExecCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Mixin
    BoardArgument board;
    @Parameters(index = "1", arity = "0..1", paramLabel = "CODE", description = "Python source")
    String code;
    @Option(names = "--file", paramLabel = "FILE", description = "a script to run instead of CODE")
    Path file;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "interrupt the code after this long (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;
    @Option(names = "--retry", paramLabel = "N", arity = "0..1", defaultValue = "0", fallbackValue = "3",
            description = "run the code again, up to N times (3 when N is left out), when its output arrived damaged; "
                    + "only for code that may run twice (default: 0, report the damage)")
    int retries;

    @Override
    public Integer call() throws Exception {
        if ((code == null) == (file == null)) {
            throw new IllegalArgumentException("give either CODE or --file FILE");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("--retry: expected 0 or more, got " + retries);
        }
        String source = file != null ? Files.readString(file) : code;
        String label = file != null ? file.getFileName().toString() : "<stdin>";
        PrintWriter out = config.out();
        PrintWriter err = config.err();
        org.benchrig.config.RigConfig cfg = config.load();
        return BoardRoute.run(cfg.dataDir(), config.env().variables(), err,
                daemon -> viaDaemon(daemon, board.id(), source, label, timeoutSeconds, retries, out, err),
                () -> show(direct(cfg, source, label), retries, out, err));
    }

    /** The exec sent to the daemon; the answer shown as the direct path shows it. */
    static int viaDaemon(DaemonClient daemon, String board, String source, String label, int timeoutSeconds,
                         int retries, PrintWriter out, PrintWriter err) throws DaemonClient.Gone, java.io.IOException {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", source);
        body.put("label", label);
        body.put("timeout_s", timeoutSeconds);
        body.put("retries", retries);
        DaemonClient.Reply r = daemon.post("api/boards/" + board + "/exec", body,
                Duration.ofSeconds(timeoutSeconds).multipliedBy(retries + 1).plus(ANSWER_MARGIN));
        var refused = BoardRoute.refused(daemon, r, err);
        return refused.isPresent() ? refused.get() : show(ExecOutcome.fromMap(r.body()), retries, out, err);
    }

    /** Beyond the exec's own deadline: the board's recovery after a timeout, and the daemon's answer. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(60);

    private ExecOutcome direct(org.benchrig.config.RigConfig cfg, String source, String label) {
        try (Rig rig = Rig.open(cfg)) {
            rig.setPurpose("benchrig exec");
            return ExecOutcome.of(rig.board(board.id()).execChecked(source, label, retries,
                    Deadline.in(Duration.ofSeconds(timeoutSeconds))));
        } catch (ReplFailure f) {
            return ExecOutcome.of(f);
        }
    }

    /** Prints the output (only when its checksums confirmed it) and gives the exit code. */
    static int show(ExecOutcome c, int retries, PrintWriter out, PrintWriter err) {
        if (c.failureClass() != null) {
            err.println("benchrig: " + c.failureClass() + ": " + c.failureMessage());
            if (c.transcript() != null && !c.transcript().isBlank()) {
                err.println("  board sent: " + c.transcript());
            }
            err.flush();
            return c.failureClass().equals(FailureClass.INFRASTRUCTURE.name()) ? Main.EXIT_RIG : Main.EXIT_FAILED;
        }
        if (c.ignoredBytes() > 0) {
            err.println("benchrig: note: " + c.ignoredBytes() + " bytes arrived outside the checked output and are "
                    + "not shown (line noise, or output not written with print())");
        }
        if (!c.verified()) {
            err.println("benchrig: INFRASTRUCTURE: " + c.problem() + "; nothing is shown"
                    + (c.reruns() > 0 ? " (ran " + (c.reruns() + 1) + " times)" : "")
                    + (retries == 0 ? ". Run again, or add --retry if the code may run twice" : ""));
            err.flush();
            return Main.EXIT_DAMAGED;
        }
        out.print(c.stdout());
        out.flush();
        if (c.errorText() != null) {
            err.println(c.errorText());
            err.flush();
            return Main.EXIT_FAILED;
        }
        return 0;
    }
}
