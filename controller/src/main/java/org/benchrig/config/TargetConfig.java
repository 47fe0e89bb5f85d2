package org.benchrig.config;

/** What the config of every target (a board, a host interpreter) says alike: its id in the rig and its tier. */
public interface TargetConfig {

    String id();

    /** The tier of benchmark parameters the target runs (one of {@link BoardConfig#TIERS}). */
    String tier();
}
