package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.board.ExecResult;
import org.benchrig.board.ReplFailure;
import org.benchrig.time.Deadline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code benchrig exec BOARD 'code'} or {@code --file script.py}: run code on a board, print its output. */
@Command(name = "exec", description = "Run Python code on a board and print its output; exit 1 on a board exception.")
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
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((code == null) == (file == null)) {
            throw new IllegalArgumentException("give either CODE or --file FILE");
        }
        String source = file != null ? Files.readString(file) : code;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Rig rig = Rig.open(config.load(parent.env))) {
            ExecResult r = rig.board(board).execVerified(source, Deadline.in(Duration.ofSeconds(timeoutSeconds)));
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
            return Main.EXIT_FAILED;
        }
    }
}
