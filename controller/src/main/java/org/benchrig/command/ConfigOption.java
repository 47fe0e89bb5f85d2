package org.benchrig.command;

import java.nio.file.Path;
import org.benchrig.config.ConfigException;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.RigConfig;
import org.benchrig.store.Store;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option every rig command shares (default rig-configs/sim.yaml), and what a
 * rig command reads beside it: the environment, its output streams, the rig's store.
 */
public final class ConfigOption extends CommandMixin {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "rig config (default: rig-configs/sim.yaml)")
    Path file;

    /** The rig config given, or the default one. */
    public RigConfig load() throws ConfigException {
        return ConfigLoader.load(file != null ? file : env().defaultConfig());
    }

    /** The rig's SQLite store (its data_dir's benchrig.db), for commands that read it without the boards. */
    public static Store openStore(RigConfig cfg) {
        return Store.open(cfg.dataDir().resolve("benchrig.db"));
    }
}
