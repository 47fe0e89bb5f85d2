package org.benchrig.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
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
}
