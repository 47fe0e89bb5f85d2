package org.benchrig.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The {@code mqtt:} section: where results are published. Without {@code url} the controller's
 * {@code serve} starts the embedded broker on {@link #EMBEDDED_URL}.
 *
 * @param url          tcp://host:port or ssl://host:port; null means the embedded broker
 * @param username     may be null
 * @param passwordEnv  the name of the environment variable that holds the password, or null
 */
public record MqttConfig(boolean enabled, String url, String username, String passwordEnv, Tls tls,
                         HomeAssistant homeassistant) {

    public static final String EMBEDDED_HOST = "127.0.0.1";
    public static final int EMBEDDED_PORT = 1883;
    public static final String EMBEDDED_URL = "tcp://" + EMBEDDED_HOST + ":" + EMBEDDED_PORT;

    public static final MqttConfig DEFAULT = new MqttConfig(true, null, null, null, Tls.NONE, HomeAssistant.DEFAULT);

    /** Client certificates and the CA to trust, PEM files; all null means the JVM's defaults. */
    public record Tls(Path ca, Path cert, Path key) {
        public static final Tls NONE = new Tls(null, null, null);

        static Tls read(MappingReader m) {
            Path ca = m.existingFile("ca", false);
            Path cert = m.existingFile("cert", false);
            Path key = m.existingFile("key", false);
            if ((cert == null) != (key == null)) {
                m.problem(cert == null ? "key" : "cert", "tls.cert and tls.key go together; give both or neither");
            }
            return new Tls(ca, cert, key);
        }

        public boolean any() {
            return ca != null || cert != null;
        }
    }

    /** Home Assistant MQTT discovery for each board; off by default. */
    public record HomeAssistant(boolean enabled, String prefix) {
        public static final HomeAssistant DEFAULT = new HomeAssistant(false, "homeassistant");

        static HomeAssistant read(MappingReader m) {
            return new HomeAssistant(m.bool("enabled", false), m.string("prefix", DEFAULT.prefix()));
        }
    }

    /** Whether the controller runs the embedded broker (no url given). */
    public boolean embedded() {
        return url == null;
    }

    /** The url to connect to: the configured one or the embedded broker's. */
    public String effectiveUrl() {
        return url == null ? EMBEDDED_URL : url;
    }

    static MqttConfig read(MappingReader m) {
        boolean enabled = m.bool("enabled", true);
        String url = m.string("url", null);
        if (url != null) {
            try {
                URI u = new URI(url);
                if (!"tcp".equals(u.getScheme()) && !"ssl".equals(u.getScheme())) {
                    m.problem("url", "invalid broker url '" + url + "'; expected tcp://HOST:PORT or ssl://HOST:PORT");
                } else if (u.getHost() == null) {
                    m.problem("url", "invalid broker url '" + url + "'; no host; expected tcp://HOST:PORT or ssl://HOST:PORT");
                }
            } catch (URISyntaxException e) {
                m.problem("url", "invalid broker url '" + url + "': " + e.getReason());
            }
        }
        String username = m.string("username", null);
        String passwordEnv = m.string("password_env", null);
        Tls tls = m.mapping("tls", Tls::read);
        HomeAssistant ha = m.mapping("homeassistant", HomeAssistant::read);
        if (tls.any() && url != null && url.startsWith("tcp:")) {
            m.problem("url", "tls files are given but the url is tcp://; use ssl://HOST:PORT");
        }
        return new MqttConfig(enabled, url, username, passwordEnv, tls, ha);
    }
}
