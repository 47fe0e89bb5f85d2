package org.benchrig.mqtt;

/** The topic names under {@code benchrig/<rig>/} (docs/mqtt.md): our names never make wildcards or levels. */
final class Topics {
    static final String PREFIX = "benchrig/";

    private Topics() {
    }

    /** A topic level: MQTT wildcards and separators never come from our names. */
    static String level(String s) {
        return s.replace('/', '_').replace('+', '_').replace('#', '_');
    }

    static String rig(String rig, String rest) {
        return PREFIX + level(rig) + "/" + rest;
    }

    static String run(String rig, long runId, String leaf) {
        return rig(rig, "runs/" + runId + "/" + leaf);
    }

    static String board(String rig, String board) {
        return rig(rig, "boards/" + level(board) + "/state");
    }
}
