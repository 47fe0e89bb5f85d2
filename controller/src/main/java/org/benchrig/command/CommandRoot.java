package org.benchrig.command;

/**
 * The top-level command as the commands under it see it: the environment it was started with.
 * Mixins find it at the root of their command's tree, so no command has to pass it down.
 */
public interface CommandRoot {
    Env env();

    /** The environment of the command tree {@code spec} belongs to. */
    static Env of(picocli.CommandLine.Model.CommandSpec spec) {
        return ((CommandRoot) spec.root().userObject()).env();
    }
}
