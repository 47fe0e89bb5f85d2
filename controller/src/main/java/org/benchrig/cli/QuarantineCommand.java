package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code benchrig quarantine BOARD [--reason R | --release]}: take a board out of service, or give it back. */
@Command(name = "quarantine", description = "Quarantine a board (runs skip it) or release it with --release.")
public final class QuarantineCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(paramLabel = "BOARD")
    String board;
    @Option(names = "--release", description = "put the board back in service")
    boolean release;
    @Option(names = "--reason", defaultValue = "quarantined by hand", description = "why (default: ${DEFAULT-VALUE})")
    String reason;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        if (cfg.board(board).isEmpty()) {
            throw new IllegalArgumentException("no board '" + board + "' in " + cfg.source());
        }
        PrintWriter out = config.out();
        try (Rig rig = Rig.open(cfg)) {
            if (release) {
                boolean was = rig.quarantined(board);
                rig.releaseQuarantine(board);
                out.println(was ? "board " + board + " released; the next run checks its health first"
                        : "board " + board + " was not quarantined");
            } else {
                rig.quarantine(board, reason);
                out.println("board " + board + " quarantined: " + reason);
            }
        }
        return 0;
    }
}
