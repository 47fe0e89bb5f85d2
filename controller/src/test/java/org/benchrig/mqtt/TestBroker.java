package org.benchrig.mqtt;

import java.nio.file.Path;

/** A broker a test can stop and start again on the same port, keeping its persisted sessions. */
interface TestBroker extends AutoCloseable {
    String url();

    void stop() throws Exception;

    void restart() throws Exception;

    @Override
    void close() throws Exception;

    static TestBroker mosquitto(Path dir) throws Exception {
        Mosquitto m = Mosquitto.start(dir, null, null);
        return new TestBroker() {
            public String url() {
                return m.url();
            }

            public void stop() throws Exception {
                m.stop();
            }

            public void restart() throws Exception {
                m.startProcess();
            }

            public void close() throws Exception {
                m.close();
            }
        };
    }

    /** The controller's embedded broker (HiveMQ CE), here in the test's JVM: the controller is a child or in-process. */
    static TestBroker embedded(Path dir) throws Exception {
        org.benchrig.testing.Tier.requireFull("the embedded broker", org.benchrig.testing.NeedsBroker.class);
        int port = Mosquitto.freePort();
        return new TestBroker() {
            EmbeddedBroker b = EmbeddedBroker.start("127.0.0.1", port, dir);

            public String url() {
                return "tcp://127.0.0.1:" + port;
            }

            public synchronized void stop() {
                if (b != null) {
                    b.close();
                    b = null;
                }
            }

            public synchronized void restart() {
                b = EmbeddedBroker.start("127.0.0.1", port, dir);
            }

            public void close() {
                stop();
            }
        };
    }
}
