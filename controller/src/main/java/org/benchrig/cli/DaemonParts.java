package org.benchrig.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import org.benchrig.bench.RunService;

/**
 * The parts a serving controller runs beside the run queue. Each part is started here with one
 * line and stopped in reverse order; `serve` and `run --serve` share this list.
 */
final class DaemonParts {
    private DaemonParts() {
    }

    /** Starts every part the config asks for; each started part is added to {@code started}. */
    static void start(RunService service, PrintWriter out, List<AutoCloseable> started) {
        org.benchrig.web.WebServer web = org.benchrig.web.WebServer.start(service, System.getenv(), out);
        started.add(web);
        // from now on CLI board commands of this rig come here (BoardRoute); removed first on stop
        started.add(DaemonFile.publish(service.config().dataDir(), web.url(), service.config().web().tokenEnv(),
                service.config().rig()));
        org.benchrig.schedule.Scheduler scheduler = org.benchrig.schedule.Scheduler.forService(service, out);
        started.add(scheduler);
        scheduler.regressions().addListener(new org.benchrig.mqtt.AlertPublishing(service.store(), service.config().rig()));
        org.benchrig.mqtt.MqttPart.startDaemon(service, out, started, System::getenv);
    }

    static void stopAll(List<AutoCloseable> parts, PrintWriter err) {
        List<AutoCloseable> reversed = new java.util.ArrayList<>(parts);
        Collections.reverse(reversed);
        for (AutoCloseable p : reversed) {
            try {
                p.close();
            } catch (Exception e) {
                err.println("benchrig: stopping " + p + ": " + e.getMessage());
            }
        }
    }
}
