package org.benchrig.store;

/**
 * What a target was during one run, so every number can say how it was obtained.
 *
 * @param kind    "board" or "host"
 * @param details free-form extra facts (JSON-ish text), or null
 */
public record TargetInfo(String targetId, String kind, String interpreter, String version,
                         String executable, String firmwareHash, String firmwareVersion,
                         String machine, String details) {
}
