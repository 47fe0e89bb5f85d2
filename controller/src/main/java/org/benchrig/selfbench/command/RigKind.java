package org.benchrig.selfbench.command;

import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import picocli.CommandLine.Mixin;

/** A selfbench kind that measures the boards or hosts of a rig config ({@code --config}). */
abstract class RigKind extends SelfbenchKind {
    @Mixin
    ConfigOption config;

    @Override
    public final Integer call() throws Exception {
        return measure(config.load());
    }

    /** Measures on the rig {@code cfg}; the exit code. */
    abstract Integer measure(RigConfig cfg) throws Exception;
}
