package org.benchrig.compat;

/**
 * A target as the check saw it.
 *
 * @param kind     host or board
 * @param checkedBy how the answer was obtained: "pip 23.0.1 of pypy3", "help('modules') on mb1, cached ..."
 */
public record TargetInfo(String id, String kind, String description, String checkedBy) {
}
