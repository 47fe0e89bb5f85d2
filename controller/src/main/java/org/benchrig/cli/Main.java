package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.benchrig.board.BoardBusy;
import org.benchrig.command.Env;
import org.benchrig.command.ExitCode;
import org.benchrig.config.ConfigException;
import picocli.CommandLine;

/** Entry point of the controller jar; its exit codes are {@link ExitCode}'s. */
public final class Main {
    public static final int EXIT_FAILED = ExitCode.FAILED;
    public static final int EXIT_USAGE = ExitCode.USAGE;
    public static final int EXIT_RIG = ExitCode.RIG;
    public static final int EXIT_DAMAGED = ExitCode.DAMAGED;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The command tree as the jar runs it: every subcommand with {@code -h}/{@code --help}. */
    static CommandLine commandLine(Env env) {
        CommandLine cl = new CommandLine(new BenchrigCommand(env));
        HelpOption.addToEverySubcommand(cl);
        return cl;
    }

    /** Runs one command line; in-process, so tests can call it. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(new Env(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof ConfigException ce) {
                err.println(ce.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("benchrig: " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof BoardBusy || ex instanceof org.benchrig.board.LinkLost) {
                err.println("benchrig: " + ex.getMessage());
                return EXIT_RIG;
            }
            if (ex instanceof org.benchrig.board.BoardRaised) {
                err.println("benchrig: the board raised an exception in the controller's own code: " + ex.getMessage());
                return EXIT_RIG;
            }
            // a user reads this: what went wrong, not which Java class carried it
            err.println("benchrig: " + (ex.getMessage() == null ? "unexpected error (" + ex + ")" : ex.getMessage()));
            return EXIT_RIG;
        });
        return cl.execute(args);
    }
}
