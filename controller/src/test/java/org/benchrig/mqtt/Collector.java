package org.benchrig.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A test subscriber that keeps every message it gets, and reconnects with its session when asked. */
final class Collector implements AutoCloseable {
    record Msg(String topic, String payload, boolean retained, int qos) {
    }

    final List<Msg> messages = new CopyOnWriteArrayList<>();
    private final MqttClient client;
    private final String filter;
    private final MqttConnectOptions options = new MqttConnectOptions();

    /** {@code persistent}: a fixed client id and clean session off, so the broker queues while it is away. */
    Collector(String url, String clientId, String filter, boolean persistent) throws MqttException {
        this.client = new MqttClient(url, clientId, new MemoryPersistence());
        this.filter = filter;
        options.setCleanSession(!persistent);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(1000);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect && !persistent) {
                    try {
                        client.subscribe(filter, 1);
                    } catch (MqttException ignored) {
                        // the test will see what is missing
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                messages.add(new Msg(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(), m.getQos()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe(filter, 1);
    }

    List<Msg> on(String topicSuffix) {
        return messages.stream().filter(m -> m.topic().endsWith(topicSuffix)).toList();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } finally {
            client.close(true);
        }
    }

    /**
     * Publishes a marker to {@code topic} (inside this collector's filter) and waits until it comes
     * back: the broker delivers in order, so everything it had for this subscriber is in by then.
     * The marker is then dropped from {@link #messages}; the test asserts on the rest, and silence
     * it sees means silence.
     */
    void awaitQueued(String url, String topic) throws MqttException {
        String marker = "marker-" + System.nanoTime();
        MqttClient pub = new MqttClient(url, "marker-" + System.nanoTime(), new MemoryPersistence());
        try {
            pub.connect();
            MqttMessage m = new MqttMessage(marker.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            pub.publish(topic, m);
            pub.disconnect();
        } finally {
            pub.close();
        }
        org.awaitility.Awaitility.await("the marker on " + topic).atMost(java.time.Duration.ofSeconds(10))
                .until(() -> messages.stream().anyMatch(x -> x.payload().equals(marker)));
        messages.removeIf(x -> x.payload().equals(marker));
    }
}
