package org.benchrig.board;

/** A board's lifecycle: OFFLINE -> FLASHING -> READY -> RUNNING -> RECOVERING -> QUARANTINED. */
public enum BoardState { OFFLINE, FLASHING, READY, RUNNING, RECOVERING, QUARANTINED }
