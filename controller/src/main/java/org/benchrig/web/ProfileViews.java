package org.benchrig.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchrig.profile.CallTable;
import org.benchrig.profile.Profile;
import org.benchrig.profile.ProfileArchive;
import org.benchrig.profile.Speedscope;
import org.benchrig.profile.TimeShares;
import org.benchrig.store.Store;

/** What the REST API says about a run's profiles (the run page draws the flame graphs from it). */
final class ProfileViews {
    /** Rows of the cProfile table sent to the page. */
    static final int TABLE_ROWS = 15;
    private final ProfileArchive archive;

    ProfileViews(Store store) {
        this.archive = new ProfileArchive(store);
    }

    List<Map<String, Object>> ofRun(long runId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProfileArchive.Stored s : archive.ofRun(runId)) {
            Profile p = s.profile();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("target", p.target());
            m.put("benchmark", p.benchmark());
            m.put("tier", p.tier());
            m.put("outcome", p.outcome());
            m.put("detail", p.detail());
            m.put("meta", p.meta());
            m.put("shares", shares(p.shares()));
            m.put("stacks", p.stacks().stacks().stream().map(st -> List.of(st.frames(), st.weightUs())).toList());
            m.put("table", p.table().bySelfTime().stream().limit(TABLE_ROWS).map(ProfileViews::row).toList());
            m.put("downloads", Map.of("folded", "/api/profiles/" + s.id() + "/stacks.folded",
                    "speedscope", "/api/profiles/" + s.id() + "/speedscope.json"));
            out.add(m);
        }
        return out;
    }

    Optional<Profile> byId(long id) {
        return archive.byId(id).map(ProfileArchive.Stored::profile);
    }

    static Map<String, Object> speedscope(Profile p) {
        return Speedscope.of(p);
    }

    static Map<String, Object> shares(TimeShares t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalUs", t.totalUs());
        m.put("python", t.python());
        m.put("builtin", t.builtin());
        m.put("waiting", t.waiting());
        m.put("top", t.top().stream().map(f -> Map.of("function", f.function(), "us", f.us(), "share", f.share())).toList());
        return m;
    }

    private static Map<String, Object> row(CallTable.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", r.function());
        m.put("file", r.file());
        m.put("line", r.line());
        m.put("calls", r.calls());
        m.put("primitiveCalls", r.primitiveCalls());
        m.put("selfS", r.selfSeconds());
        m.put("cumulativeS", r.cumulativeSeconds());
        return m;
    }
}
