package org.benchrig.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** Home Assistant MQTT discovery: one sensor per board, its state, available while the rig is online. */
final class HomeAssistant {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HomeAssistant() {
    }

    static void announce(MqttAsyncClient c, String prefix, String rig, List<String> boards, String statusTopic)
            throws MqttException {
        for (String b : boards) {
            String uid = "benchrig_" + Topics.level(rig) + "_" + Topics.level(b);
            String state = Topics.board(rig, b);
            ObjectNode o = JSON.createObjectNode();
            o.put("name", "benchrig " + rig + " " + b);
            o.put("unique_id", uid);
            o.put("state_topic", state);
            o.put("value_template", "{{ value_json.state }}");
            o.put("json_attributes_topic", state);
            o.put("availability_topic", statusTopic);
            o.put("payload_available", "online");
            o.put("payload_not_available", "offline");
            ObjectNode dev = o.putObject("device");
            dev.putArray("identifiers").add(uid);
            dev.put("name", "benchrig " + rig + " board " + b);
            dev.put("manufacturer", "benchrig");
            MqttMessage m = new MqttMessage(o.toString().getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            m.setRetained(true);
            c.publish(prefix + "/sensor/" + uid + "/config", m);
        }
    }
}
