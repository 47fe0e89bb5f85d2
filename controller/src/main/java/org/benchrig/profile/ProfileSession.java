package org.benchrig.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.benchrig.bench.Benchmark;
import org.benchrig.config.BoardConfig;
import org.benchrig.config.HostConfig;
import org.benchrig.config.RigConfig;

/**
 * Profiles benchmarks on a rig's targets, one after the other (a profile wants the machine to
 * itself): hosts through {@link ProfileRunner}, boards get {@link BoardProfiles#note}.
 */
public final class ProfileSession {
    private final RigConfig config;
    private final Path harnessDir;
    private final Path benchmarkDir;

    public ProfileSession(RigConfig config, Path harnessDir, Path benchmarkDir) {
        this.config = config;
        this.harnessDir = harnessDir;
        this.benchmarkDir = benchmarkDir;
    }

    /**
     * One profile per benchmark and target, each handed to {@code sink} as it is done.
     *
     * @param targets target ids; empty means every host of the rig
     * @param tier    the tier, or null for each host's configured tier (boards: 's')
     */
    public List<Profile> profile(List<Benchmark> benchmarks, List<String> targets, String tier, ProfileSettings s,
                                 Consumer<Profile> sink) {
        List<String> ids = targets == null || targets.isEmpty()
                ? config.hosts().stream().map(HostConfig::id).toList() : targets;
        List<Profile> out = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            for (String id : ids) {
                Profile p = one(b, id, tier, s);
                out.add(p);
                sink.accept(p);
            }
        }
        return out;
    }

    /** Throws, naming the hosts, when a target id is neither a host nor a board of the rig. */
    public void check(List<String> targets) {
        for (String id : targets) {
            boolean known = config.hosts().stream().anyMatch(h -> h.id().equals(id))
                    || config.boards().stream().map(BoardConfig::id).anyMatch(id::equals);
            if (!known) {
                throw new IllegalArgumentException("--target " + id + ": no such target in " + config.source()
                        + " (hosts: " + String.join(", ", config.hosts().stream().map(HostConfig::id).toList()) + ")");
            }
        }
    }

    private Profile one(Benchmark b, String id, String tier, ProfileSettings s) {
        check(List.of(id));
        HostConfig host = config.hosts().stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
        if (host == null) {
            return BoardProfiles.note(id, b.name(), tier == null ? "s" : tier);
        }
        String t = tier == null ? host.tier() : tier;
        if (!b.hasTier(t)) {
            throw new IllegalArgumentException("--tier " + t + ": benchmark " + b.name() + " has tiers "
                    + String.join(", ", b.tiers().keySet()));
        }
        return new ProfileRunner(host, harnessDir, benchmarkDir).run(b.name(), t, b.expect().get(t), s);
    }
}
