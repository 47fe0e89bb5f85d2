package org.benchrig.selfbench.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.BoardKind;
import org.benchrig.config.RigConfig;
import org.benchrig.selfbench.CliBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code selfbench cli}: whole commands through the launcher, through a daemon and opening the board. */
@Command(name = "cli", description = "Wall time of `exec BOARD 'print(1)'` and `boards` as whole commands through the "
        + "launcher: through a running serve, and opening the board directly.")
final class CliCommand extends RigKind {
    /** The goal for a command through the daemon on 2 cores. */
    static final double GOAL_S = 0.5;

    @Option(names = "--runs", defaultValue = "11", description = "timed runs per command and path (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    Integer measure(RigConfig cfg) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        Path firmware = cfg.boards().stream().filter(b -> b.kind() == BoardKind.EMULATED)
                .map(BoardConfig::firmware).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "selfbench cli needs an emulated board in " + cfg.source() + " (its firmware is used)"));
        List<CliBench.Row> rows;
        try (Scratch scratch = new Scratch("benchrig-selfbench-cli")) {
            rows = new CliBench(options.env().home(), options.err()).measure(CliBench.writeRig(scratch.dir(), firmware), runs);
        }
        String md = CliBench.markdown(rows);
        double daemonExec = rows.get(0).seconds().median();
        String verdict = String.format(Locale.ROOT, "exec through the daemon: median %.2f s, goal %.1f s or less: %s",
                daemonExec, GOAL_S, daemonExec <= GOAL_S ? "met" : "NOT met");
        options.out().print(md);
        options.out().println(verdict);
        options.out().flush();
        String where = String.format(Locale.ROOT, "%d timed runs per command (after one untimed), "
                + "%d CPUs shared with other work", runs, HostLoad.cpus());
        options.writeDocs(where, "./benchrig selfbench cli --runs " + runs, md + "\n" + verdict + ".\n\n" + WHY);
        return 0;
    }

    static final String WHY = String.join("\n",
            "Each figure is one whole `./benchrig ...` process, as a user types it: the launcher (its",
            "is-the-jar-stale check), the JVM's start (with the class-data archive the launcher keeps in",
            "controller/target/benchrig.jsa) and the command. Through the daemon, `exec` and `boards` take",
            "`QuickStart`'s path: no picocli, no YAML library, the daemon file read with `Properties`, JSON",
            "with jackson-core, one HTTP request; the board is booted already. Opened directly, each command",
            "boots the emulator (QEMU, the firmware's start, the raw REPL) and takes the lease first.",
            "`java -version` (the launcher's JVM options, none of our classes) is the floor under every",
            "command, measured interleaved with the daemon's commands: what is above it is ours.",
            "");
}
