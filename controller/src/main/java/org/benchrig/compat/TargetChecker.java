package org.benchrig.compat;

import java.util.List;

/** Answers, for one target, whether each dependency runs there. */
interface TargetChecker {
    TargetResult check(List<Dependency> dependencies);

    /** The target as it was checked and one finding per dependency, in the dependencies' order. */
    record TargetResult(TargetInfo target, List<Finding> findings) {
        /** The target could not be asked: every dependency gets "not checked" with the same reason. */
        static TargetResult notChecked(TargetInfo target, List<Dependency> dependencies, String why) {
            return new TargetResult(target, dependencies.stream()
                    .map(d -> Finding.of(d, target.id(), Verdict.NOT_CHECKED, why)).toList());
        }
    }
}
