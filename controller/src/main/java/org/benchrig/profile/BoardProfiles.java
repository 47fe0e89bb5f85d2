package org.benchrig.profile;

import java.util.List;
import java.util.Map;

/** What stands where a board's profile would be: MicroPython 1.9.2 cannot be profiled. */
public final class BoardProfiles {
    public static final String NOTE = "MicroPython 1.9.2 has no profiler hook (no sys.setprofile, no sys.settrace, no "
            + "signals, no frame objects), so a board cannot be sampled; time named phases instead with "
            + "firmware-scripts/harness/phases.py (see firmware-scripts/README.md)";

    private BoardProfiles() {
    }

    public static Profile note(String board, String benchmark, String tier) {
        return new Profile(board, benchmark, tier, Profile.UNSUPPORTED, NOTE, Map.of(), new FoldedStacks(List.of()),
                new CallTable(List.of()));
    }
}
