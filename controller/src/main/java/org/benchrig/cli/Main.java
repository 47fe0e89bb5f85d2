package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.benchrig.board.BoardBusy;
import org.benchrig.config.ConfigException;
import picocli.CommandLine;

/**
 * Entry point of the controller jar. Exit codes: 0 success, 1 the board or benchmark failed
 * (an exception, a failed measurement), 2 bad usage or config, 3 the rig failed (board busy,
 * link lost, emulator would not start), 4 the board's output arrived damaged and is not shown
 * ({@code exec} without {@code --retry}).
 */
public final class Main {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_RIG = 3;
    public static final int EXIT_DAMAGED = 4;

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
            err.println("benchrig: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return EXIT_RIG;
        });
        return cl.execute(args);
    }
}
