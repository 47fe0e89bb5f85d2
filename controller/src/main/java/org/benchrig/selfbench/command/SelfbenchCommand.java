package org.benchrig.selfbench.command;

import picocli.CommandLine.Command;

/**
 * {@code benchrig selfbench KIND}: benchmarks of the controller itself (not timed tests). One class
 * per kind; what they share is in {@link SelfbenchOptions}. The production commands name only this
 * class, to register it.
 */
@Command(name = "selfbench", description = "Benchmark the controller itself; results can go to docs/performance.md.",
        subcommands = {LinkCommand.class, ParallelCommand.class, MqttCommand.class, WebCommand.class,
                ProfileCommand.class, HostsCommand.class, FaultsCommand.class, CliCommand.class})
public final class SelfbenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "a selfbench kind is required: link, parallel, mqtt, web, profile, hosts, faults, cli");
    }
}
