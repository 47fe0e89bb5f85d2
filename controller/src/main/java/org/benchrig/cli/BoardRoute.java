package org.benchrig.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which way a board command goes: while {@code benchrig serve} runs, through it (it owns the
 * boards, they stay booted); otherwise the command opens the board itself. Either way the command
 * says which on stderr ({@code benchrig: via daemon at URL} or {@code benchrig: board opened directly}),
 * leaving stdout to the command's own output.
 */
final class BoardRoute {
    /** The command sent to the daemon; {@link DaemonClient.Gone} when the daemon did not take it. */
    interface ViaDaemon {
        int call(DaemonClient daemon) throws DaemonClient.Gone, Exception;
    }

    /** The command with the board opened here. */
    interface Direct {
        int call() throws Exception;
    }

    private BoardRoute() {
    }

    static int run(Path dataDir, Map<String, String> env, PrintWriter err, ViaDaemon viaDaemon, Direct direct)
            throws Exception {
        Optional<DaemonClient> d = DaemonClient.find(dataDir, env, err);
        if (d.isPresent()) {
            try {
                return viaDaemon.call(d.get());
            } catch (DaemonClient.Gone g) {
                err.println("benchrig: note: " + g.getMessage() + "; opening the board directly");
            }
        }
        err.println(DaemonClient.DIRECT_LINE);
        err.flush();
        return direct.call();
    }

    /**
     * Says the daemon's path, then: empty for a 200 answer (the command shows it), or the exit code
     * after printing why the daemon refused (busy, token, bad request).
     */
    static Optional<Integer> refused(DaemonClient d, DaemonClient.Reply r, PrintWriter err) {
        err.println(d.viaLine());
        if (r.status() == 200) {
            err.flush();
            return Optional.empty();
        }
        int exit;
        switch (r.status()) {
            case 400, 404 -> {
                err.println("benchrig: " + r.error());
                exit = Main.EXIT_USAGE;
            }
            case 401 -> {
                err.println("benchrig: the daemon refused the command: " + r.error() + "; set " + d.tokenEnv()
                        + " to the daemon's token");
                exit = Main.EXIT_USAGE;
            }
            default -> { // 409 busy, 502 flash failed, 500
                err.println("benchrig: " + r.error());
                exit = r.status() == 502 ? Main.EXIT_FAILED : Main.EXIT_RIG;
            }
        }
        err.flush();
        return Optional.of(exit);
    }
}
