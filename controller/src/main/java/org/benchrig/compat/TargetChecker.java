package org.benchrig.compat;

import java.util.List;

/** Answers, for one target, whether each dependency runs there. */
interface TargetChecker {
    TargetResult check(List<Dependency> dependencies);

    /** The target as it was checked and one finding per dependency, in the dependencies' order. */
    record TargetResult(TargetInfo target, List<Finding> findings) {
    }
}
