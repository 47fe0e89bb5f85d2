package org.benchrig.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.benchrig.history.Regressions;
import org.benchrig.store.Outbox;
import org.benchrig.store.Store;

/**
 * Regression alerts go to {@code benchrig/<rig>/alerts}, retained, so a dashboard that connects
 * the next morning sees the latest. Through the outbox, like every other message: nothing is lost
 * while the broker is away.
 */
public final class AlertPublishing implements Regressions.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Outbox outbox;
    private final String rig;

    public AlertPublishing(Store store, String rig) {
        this.outbox = new Outbox(store);
        this.rig = rig;
    }

    public static String topic(String rig) {
        return Topics.rig(rig, "alerts");
    }

    @Override
    public void alert(Store.AlertRow a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("rig", a.rig());
        o.put("benchmark", a.benchmark());
        o.put("target", a.target());
        o.put("mode", a.mode());
        o.put("direction", a.direction());
        o.put("step_run", a.stepRunId());
        o.put("step_at", a.stepAt().toString());
        o.put("before_ns", a.beforeNs());
        o.put("after_ns", a.afterNs());
        o.put("change", a.change());
        o.put("p_value", a.pValue());
        o.put("detected_at", a.detectedAt().toString());
        outbox.add(topic(rig), "alert", o.toString(), true);
    }
}
