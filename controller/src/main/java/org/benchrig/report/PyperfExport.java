package org.benchrig.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benchrig.result.Measurement;
import org.benchrig.result.Mode;
import org.benchrig.store.RunInfo;
import org.benchrig.store.TargetInfo;

/**
 * One host target of a run in pyperf's JSON format, version 1.0 (what {@code pyperf stats},
 * {@code hist} and {@code compare_to} read): {@code {"version": "1.0", "metadata": {...},
 * "benchmarks": [{"metadata": {"name": ...}, "runs": [{"metadata": {"loops": L, ...}, "values": [...]}]}]}}.
 *
 * <p>Each worker process is a run; its values are seconds per loop iteration (value_ns / loops),
 * as pyperf stores them. Warm-up values are not kept by benchrig, so runs carry their number as
 * {@code benchrig_warmups} instead of a {@code warmups} list. Cold samples form a second benchmark
 * {@code NAME.cold}: one run per process, one value, the whole process (spawn to the end of the
 * first call), loops 1. Only successful values are exported (pyperf requires values above zero).
 */
public final class PyperfExport {
    public static final String VERSION = "1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PyperfExport() {
    }

    public static ObjectNode of(RunInfo run, TargetInfo target, List<Measurement> ms) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("version", VERSION);
        ObjectNode meta = doc.putObject("metadata");
        meta.put("python_implementation", target.interpreter().toLowerCase(java.util.Locale.ROOT));
        meta.put("python_version", target.version());
        meta.put("python_executable", target.executable());
        meta.put("unit", "second");
        Map<String, String> details = details(target.details());
        if (details.containsKey("cpu")) {
            meta.put("cpu_model_name", details.get("cpu"));
        }
        if (details.containsKey("cores") && details.get("cores").matches("[1-9]\\d*")) {
            meta.put("cpu_count", Integer.parseInt(details.get("cores")));
        }
        meta.put("benchrig_run", run.id());
        meta.put("benchrig_target", target.targetId());
        meta.put("benchrig_suite", run.suite());
        ArrayNode benches = doc.putArray("benchmarks");
        Map<String, List<Measurement>> byBench = new TreeMap<>();
        ms.stream().filter(m -> m.target().equals(target.targetId()) && m.outcome().isOk() && m.host() != null)
                .forEach(m -> byBench.computeIfAbsent(m.benchmark(), k -> new java.util.ArrayList<>()).add(m));
        byBench.forEach((name, list) -> {
            addBenchmark(benches, name, list.stream().filter(m -> m.mode() == Mode.WARM && m.host().valueNs() != null
                    && m.host().valueNs() > 0).toList(), false);
            addBenchmark(benches, name + ".cold", list.stream().filter(m -> m.mode() == Mode.COLD && m.wallNs() != null
                    && m.wallNs() > 0).toList(), true);
        });
        return doc;
    }

    private static void addBenchmark(ArrayNode benches, String name, List<Measurement> values, boolean cold) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode b = benches.addObject();
        b.putObject("metadata").put("name", name);
        ArrayNode runs = b.putArray("runs");
        Map<Integer, List<Measurement>> byProcess = new TreeMap<>();
        values.forEach(m -> byProcess.computeIfAbsent(m.host().process(), k -> new java.util.ArrayList<>()).add(m));
        byProcess.forEach((process, vs) -> {
            ObjectNode r = runs.addObject();
            ObjectNode meta = r.putObject("metadata");
            Measurement first = vs.get(0);
            meta.put("loops", first.host().loops());
            meta.put("date", first.at().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "").replace("Z", ""));
            meta.put("benchrig_process", process);
            meta.put("benchrig_mode", cold ? "cold" : "warm");
            ArrayNode v = r.putArray("values");
            if (cold) {
                meta.put("benchrig_startup_s", seconds(first.host().startupNs()));
                meta.put("benchrig_import_s", seconds(first.host().importNs()));
                meta.put("benchrig_first_call_s", seconds(first.host().firstCallNs()));
                vs.forEach(m -> v.add(m.wallNs() / 1e9));
            } else {
                meta.put("benchrig_warmups", first.host().warmups());
                meta.put("benchrig_steady", Boolean.TRUE.equals(first.host().steady()) ? 1 : 0);
                vs.forEach(m -> v.add(m.host().valueNs() / 1e9 / m.host().loops()));
            }
        });
    }

    private static double seconds(Long ns) {
        return ns == null ? 0 : ns / 1e9;
    }

    /** {@code key=value;key=value} target details as a map. */
    static Map<String, String> details(String details) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : (details == null ? "" : details).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
