package org.benchrig.cli;

import java.nio.file.Path;
import org.benchrig.config.ConfigException;
import org.benchrig.config.ConfigLoader;
import org.benchrig.config.RigConfig;
import picocli.CommandLine.Option;

/** The {@code --config} option every rig command shares; defaults to rig-configs/sim.yaml. */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "rig config (default: rig-configs/sim.yaml)")
    Path file;

    public RigConfig load(Env env) throws ConfigException {
        return ConfigLoader.load(file != null ? file : env.defaultConfig());
    }
}
