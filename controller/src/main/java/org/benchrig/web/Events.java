package org.benchrig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.RunListener;
import org.benchrig.bench.RunPlan;
import org.benchrig.bench.Target;
import org.benchrig.result.Measurement;

/**
 * Follows runs for the web UI: keeps each target's progress (for the bench page's cards) and
 * streams every event to the connected Server-Sent-Events clients. Called from worker threads.
 */
final class Events implements RunListener {
    /** What one target is doing in the current run. */
    record Progress(long runId, String benchmark, int done, int expected, String problem, boolean finished) {
    }

    private final ObjectMapper json;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private volatile long runId = -1;

    Events(ObjectMapper json) {
        this.json = json;
    }

    void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
    }

    int clientCount() {
        return clients.size();
    }

    Map<String, Progress> progress() {
        return progress;
    }

    void closeAll() {
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the client went away already
            }
        }
        clients.clear();
    }

    /** Sends one named event with a JSON object to every client; a broken client is dropped. */
    void send(String event, Map<String, Object> data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    c.sendEvent(event, text);
                }
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }

    void ping() {
        for (SseClient c : clients) {
            try {
                c.sendComment("ping");
            } catch (RuntimeException e) {
                clients.remove(c);
            }
        }
    }

    @Override
    public void started(long id, RunPlan plan) {
        runId = id;
        progress.clear();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Target t : plan.targets()) {
            progress.put(t.id(), new Progress(id, null, 0, plan.expectedFor(t), null, false));
            expected.put(t.id(), plan.expectedFor(t));
        }
        send("run-started", map("run", id, "suite", plan.suite(), "targets", plan.targetIds(),
                "repetitions", plan.repetitions(), "expected", expected));
    }

    @Override
    public void benchmarkStarted(String target, Benchmark benchmark) {
        progress.computeIfPresent(target, (k, p) -> new Progress(p.runId(), benchmark.name(), p.done(), p.expected(),
                null, false));
        Progress p = progress.get(target);
        send("benchmark-started", map("run", runId, "target", target, "benchmark", benchmark.name(),
                "done", p == null ? 0 : p.done(), "expected", p == null ? 0 : p.expected()));
    }

    @Override
    public void measured(Measurement m) {
        Progress p = progress.computeIfPresent(m.target(), (k, old) -> new Progress(old.runId(), m.benchmark(),
                old.done() + 1, old.expected(), null, false));
        Map<String, Object> d = map("run", m.runId(), "target", m.target(), "benchmark", m.benchmark(),
                "mode", m.mode().name().toLowerCase(), "repetition", m.repetition(), "time_ns", m.timeNs(),
                "outcome", m.outcome().label(), "done", p == null ? 0 : p.done(),
                "expected", p == null ? 0 : p.expected());
        send("measured", d);
    }

    @Override
    public void targetFinished(String target, String problem) {
        progress.computeIfPresent(target, (k, p) -> new Progress(p.runId(), null, p.done(), p.expected(), problem, true));
        send("target-finished", map("run", runId, "target", target, "problem", problem));
    }

    @Override
    public void finished(long id, String state) {
        runId = -1;
        send("run-finished", map("run", id, "state", state));
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
