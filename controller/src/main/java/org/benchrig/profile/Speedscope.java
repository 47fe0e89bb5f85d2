package org.benchrig.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as a speedscope file (https://www.speedscope.app/file-format-schema.json): one
 * "sampled" profile whose samples are the folded stacks (frame indexes into shared.frames, root
 * first) and whose weights are their microseconds.
 */
public final class Speedscope {
    public static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

    private Speedscope() {
    }

    /** The document, as maps and lists for Jackson. */
    public static Map<String, Object> of(Profile p) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<List<Integer>> samples = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        for (FoldedStacks.Stack s : p.stacks().stacks()) {
            List<Integer> ids = new ArrayList<>();
            for (String f : s.frames()) {
                ids.add(index.computeIfAbsent(f, k -> index.size()));
            }
            samples.add(ids);
            weights.add(s.weightUs());
        }
        List<Map<String, Object>> frames = new ArrayList<>();
        index.keySet().forEach(name -> frames.add(Map.of("name", name)));
        String title = p.benchmark() + " on " + p.target() + " (" + p.meta().getOrDefault("impl", "?") + " "
                + p.meta().getOrDefault("version", "") + ", tier " + p.tier() + ")";
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("type", "sampled");
        profile.put("name", title);
        profile.put("unit", "microseconds");
        profile.put("startValue", 0);
        profile.put("endValue", p.stacks().totalUs());
        profile.put("samples", samples);
        profile.put("weights", weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", SCHEMA);
        doc.put("name", title);
        doc.put("exporter", "benchrig");
        doc.put("activeProfileIndex", 0);
        doc.put("shared", Map.of("frames", frames));
        doc.put("profiles", List.of(profile));
        return doc;
    }
}
