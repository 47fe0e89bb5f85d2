package org.benchrig.selfbench.command;

import java.util.List;
import java.util.Locale;
import org.benchrig.config.RigConfig;
import org.benchrig.profile.ProfileSettings;
import org.benchrig.selfbench.ProfileBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code selfbench profile}: what the sampler costs, and whether it finds the hot function. */
@Command(name = "profile", description = "The sampler's overhead (time per call sampled vs unprofiled) on 3 benchmarks, "
        + "and the share of samples in the hotloop fixture's hot function.")
final class ProfileCommand extends RigKind {
    @Option(names = "--rate", defaultValue = "1000", description = "sampling rate, Hz (default: ${DEFAULT-VALUE})")
    double rate;
    @Option(names = "--tier", defaultValue = "m", description = "parameter tier (default: ${DEFAULT-VALUE})")
    String tier;
    @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds; medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    Integer measure(RigConfig cfg) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        String loadAtStart = HostLoad.average();
        ProfileSettings s = new ProfileSettings(rate, 1, 2, 0, true);
        List<ProfileBench.Row> rows = new ProfileBench(options.env().scriptsDir(), options.err())
                .run(cfg.hosts(), tier, s, rounds);
        String md = ProfileBench.markdown(rows, rate);
        options.out().print(md);
        options.out().flush();
        String where = String.format(Locale.ROOT, "tier %s, %d rounds, 1 s warm-up and 2 s sampled per process, "
                + "%d CPUs shared with other work, load average %s at the start", tier, rounds, HostLoad.cpus(), loadAtStart);
        options.writeDocs(where, "./benchrig selfbench profile --rounds " + rounds, md);
        return 0;
    }
}
