package org.benchrig.mqtt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's Mosquitto, started by a test on a free loopback port; stopped (and restartable) by handle. */
final class Mosquitto implements AutoCloseable {
    static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private final Path conf;
    private Process process;

    private Mosquitto(Path dir, int port, Path conf) {
        this.dir = dir;
        this.port = port;
        this.conf = conf;
    }

    /**
     * Starts Mosquitto with persistence under {@code dir} (queued QoS 1 messages and retained ones
     * survive a restart); {@code user}/{@code password} non-null means anonymous clients are refused.
     */
    static Mosquitto start(Path dir, String user, String password) throws Exception {
        return start(dir, user, password, "");
    }

    /** As {@link #start(Path, String, String)}, with {@code extra} appended to mosquitto.conf (e.g. a TLS listener). */
    static Mosquitto start(Path dir, String user, String password, String extra) throws Exception {
        org.benchrig.testing.Tier.requireFull("Mosquitto", org.benchrig.testing.NeedsBroker.class);
        Files.createDirectories(dir);
        int port = freePort();
        StringBuilder c = new StringBuilder("listener " + port + " 127.0.0.1\nlog_dest stdout\n"
                + "persistence true\npersistence_location " + dir + "/\nautosave_interval 1\n"
                // as root Mosquitto drops to user mosquitto, who cannot read the test's private temp dir
                + "user " + System.getProperty("user.name") + "\n");
        if (user != null) {
            Path pw = dir.resolve("passwd");
            Files.writeString(pw, "");
            Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", pw.toString(), user, password)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed");
            }
            c.append("allow_anonymous false\npassword_file ").append(pw).append('\n');
        } else {
            c.append("allow_anonymous true\n");
        }
        c.append(extra);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, c.toString());
        Mosquitto m = new Mosquitto(dir, port, conf);
        m.startProcess();
        return m;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    synchronized void startProcess() throws Exception {
        process = new ProcessBuilder(BINARY, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        Process started = process;
        await("mosquitto listens on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("mosquitto exited: " + log());
                    }
                    return accepts();
                });
    }

    /** True when the plain listener takes a TCP connection. */
    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM: Mosquitto saves its persistence file and exits. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGSTOP: the broker keeps its connections but answers nothing, like one stalled under load. */
    synchronized void freeze() throws Exception {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    synchronized void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String which) throws Exception {
        Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.log"));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
