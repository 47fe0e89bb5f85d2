package org.benchrig.config;

/**
 * The web UI and REST API of {@code serve} and {@code run --serve}.
 *
 * @param bind     address to listen on; 127.0.0.1 keeps the UI on this machine, 0.0.0.0 opens it to the lab
 * @param port     TCP port, 1..65535 (0 picks a free one: tests)
 * @param tokenEnv the environment variable holding the bearer token for actions (start a run, flash,
 *                 release); when it is unset or empty, actions are disabled
 */
public record WebConfig(String bind, int port, String tokenEnv) {

    public static final WebConfig DEFAULT = new WebConfig("127.0.0.1", 8080, "BENCHRIG_TOKEN");

    static WebConfig read(MappingReader m) {
        return new WebConfig(
                m.string("bind", DEFAULT.bind()),
                m.integer("port", 0, 65_535, DEFAULT.port()),
                m.string("token_env", DEFAULT.tokenEnv()));
    }
}
