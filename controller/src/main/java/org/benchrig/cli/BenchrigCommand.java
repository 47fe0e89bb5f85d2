package org.benchrig.cli;

import org.benchrig.command.CommandRoot;
import org.benchrig.command.Env;
import org.benchrig.selfbench.command.SelfbenchCommand;
import picocli.CommandLine.Command;

/** {@code benchrig}: the top-level command; each subcommand is one class. */
@Command(name = "benchrig", mixinStandardHelpOptions = true, version = "benchrig 0.1",
        description = "Hardware-in-the-loop benchmark rig: MicroPython boards vs CPython and PyPy.",
        subcommands = {RunCommand.class, RunsCommand.class, ResultsCommand.class, ServeCommand.class, BoardsCommand.class,
                ExecCommand.class, UploadCommand.class, HealthCommand.class, QuarantineCommand.class, FlashCommand.class,
                SelfbenchCommand.class, CompareCommand.class, ReportCommand.class, HubCommand.class,
                CompatCommand.class, ProfileCommand.class, NewCommand.class})
public final class BenchrigCommand implements Runnable, CommandRoot {
    final Env env;

    public BenchrigCommand(Env env) {
        this.env = env;
    }

    @Override
    public Env env() {
        return env;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a command is required");
    }
}
