package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.board.ExecResult;
import org.benchrig.board.FramedExec;
import org.benchrig.board.ReplFailure;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code benchrig exec BOARD 'code'} or {@code --file script.py}: run code on a board as a program
 * ({@code __name__ == '__main__'}), print its output once the output's checksums confirm it.
 */
@Command(name = "exec", description = "Run Python code on a board and print its output, checked on the way back; "
        + "exit 1 on a board exception, 4 when the output arrived damaged.")
public final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    BenchrigCommand parent;
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "BOARD")
    String board;
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
    @Spec
    CommandSpec spec;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Rig rig = Rig.open(config.load(parent.env))) {
            rig.setPurpose("benchrig exec");
            FramedExec.Checked c = rig.board(board).execChecked(source, label, retries,
                    Deadline.in(Duration.ofSeconds(timeoutSeconds)));
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
            ExecResult r = c.result().orElseThrow();
            out.print(r.stdout());
            out.flush();
            if (r.error().isPresent()) {
                err.println(r.error().get().text());
                err.flush();
                return Main.EXIT_FAILED;
            }
            return 0;
        } catch (ReplFailure f) {
            err.println("benchrig: " + f.failureClass() + ": " + f.getMessage());
            if (!f.transcript().isBlank()) {
                err.println("  board sent: " + f.transcript());
            }
            err.flush();
            return f.failureClass() == org.benchrig.result.FailureClass.INFRASTRUCTURE ? Main.EXIT_RIG : Main.EXIT_FAILED;
        }
    }
}
