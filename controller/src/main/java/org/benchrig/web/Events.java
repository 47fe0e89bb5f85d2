package org.benchrig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.benchrig.bench.Benchmark;
import org.benchrig.bench.RunListener;
import org.benchrig.bench.RunPlan;
import org.benchrig.bench.Target;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;

/**
 * Follows runs for the web UI: keeps each target's progress (for the bench page's cards) and
 * streams every event to the connected Server-Sent-Events clients. Called from worker threads.
 */
final class Events implements RunListener {
    /** What one target is doing in the current run. */
    record Progress(long runId, String benchmark, int done, int expected, String problem, boolean finished) {
    }

    // the events' data (docs/api.md, "GET /api/events"); done and expected count measurements

    record Hello(String rig) {
    }

    record RunQueued(String suite, List<String> targets, int repetitions) {
    }

    /** @param expected target id to the measurements the run will take of it */
    record RunStarted(long run, String suite, List<String> targets, int repetitions, Map<String, Integer> expected) {
    }

    record BenchmarkStarted(long run, String target, String benchmark, int done, int expected) {
    }

    record Measured(long run, String target, String benchmark, Mode mode, int repetition, Long timeNs, String outcome,
                    int done, int expected) {
    }

    /** @param problem why the target stopped, null when it ran */
    record TargetFinished(long run, String target, String problem) {
    }

    record RunFinished(long run, String state) {
    }

    record BoardState(String board, String state, String reason) {
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
    void send(String event, Object data) {
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
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (Target t : plan.targets()) {
            progress.put(t.id(), new Progress(id, null, 0, plan.expectedFor(t), null, false));
            expected.put(t.id(), plan.expectedFor(t));
        }
        send("run-started", new RunStarted(id, plan.suite(), plan.targetIds(), plan.repetitions(), expected));
    }

    @Override
    public void benchmarkStarted(String target, Benchmark benchmark) {
        progress.computeIfPresent(target, (k, p) -> new Progress(p.runId(), benchmark.name(), p.done(), p.expected(),
                null, false));
        Progress p = progress.get(target);
        send("benchmark-started", new BenchmarkStarted(runId, target, benchmark.name(), p == null ? 0 : p.done(),
                p == null ? 0 : p.expected()));
    }

    @Override
    public void measured(Measurement m) {
        Progress p = progress.computeIfPresent(m.target(), (k, old) -> new Progress(old.runId(), m.benchmark(),
                old.done() + 1, old.expected(), null, false));
        send("measured", new Measured(m.runId(), m.target(), m.benchmark(), m.mode(), m.repetition(), m.timeNs(),
                m.outcome().label(), p == null ? 0 : p.done(), p == null ? 0 : p.expected()));
    }

    @Override
    public void targetFinished(String target, String problem) {
        progress.computeIfPresent(target, (k, p) -> new Progress(p.runId(), null, p.done(), p.expected(), problem, true));
        send("target-finished", new TargetFinished(runId, target, problem));
    }

    @Override
    public void finished(long id, String state) {
        runId = -1;
        send("run-finished", new RunFinished(id, state));
    }
}
