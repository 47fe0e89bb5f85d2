package org.benchrig.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * One profile of the run: what profrun.py said ({@code meta}, names as it sends them), the time
     * shares, the sampled stacks ({@code [[frames root first], microseconds]}), the cProfile rows with
     * most self time and the downloads.
     */
    record ProfileView(long id, String target, String benchmark, String tier, String outcome, String detail,
                       Map<String, String> meta, TimeShares shares, List<List<Object>> stacks, List<CallRow> table,
                       Map<String, String> downloads) {
    }

    /** A cProfile row: calls (primitive: not recursive) and self and cumulative seconds. */
    record CallRow(String function, String file, int line, long calls, long primitiveCalls, double selfS,
                   double cumulativeS) {
    }

    List<ProfileView> ofRun(long runId) {
        List<ProfileView> out = new ArrayList<>();
        for (ProfileArchive.Stored s : archive.ofRun(runId)) {
            Profile p = s.profile();
            out.add(new ProfileView(s.id(), p.target(), p.benchmark(), p.tier(), p.outcome(), p.detail(), p.meta(),
                    p.shares(), p.stacks().stacks().stream().map(st -> List.<Object>of(st.frames(), st.weightUs())).toList(),
                    p.table().bySelfTime().stream().limit(TABLE_ROWS).map(r -> new CallRow(r.function(), r.file(), r.line(),
                            r.calls(), r.primitiveCalls(), r.selfSeconds(), r.cumulativeSeconds())).toList(),
                    Map.of("folded", "/api/profiles/" + s.id() + "/stacks.folded",
                            "speedscope", "/api/profiles/" + s.id() + "/speedscope.json")));
        }
        return out;
    }

    Optional<Profile> byId(long id) {
        return archive.byId(id).map(ProfileArchive.Stored::profile);
    }

    static Map<String, Object> speedscope(Profile p) {
        return Speedscope.of(p);
    }
}
