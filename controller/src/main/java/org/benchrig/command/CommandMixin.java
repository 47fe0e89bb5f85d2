package org.benchrig.command;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A mixin's view of the command it is mixed into: that command's environment and output streams. */
public abstract class CommandMixin {
    @Spec(Spec.Target.MIXEE)
    protected CommandSpec command;

    public Env env() {
        return CommandRoot.of(command);
    }

    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    public PrintWriter err() {
        return command.commandLine().getErr();
    }
}
