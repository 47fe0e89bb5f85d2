package org.benchrig.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for a subcommand. {@link #addToEverySubcommand} puts it on the whole
 * command tree, so a new subcommand cannot be added without it.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    /** Adds the option to every command under {@code root} that has no help option yet. */
    static void addToEverySubcommand(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) {
                spec.addMixin("help", CommandSpec.forAnnotatedObject(new HelpOption()));
            }
            addToEverySubcommand(sub);
        }
    }
}
