package org.benchrig.selfbench.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A selfbench kind: one subcommand of {@code selfbench}, with the options every kind has. */
abstract class SelfbenchKind implements Callable<Integer> {
    @Mixin
    SelfbenchOptions options;
}
