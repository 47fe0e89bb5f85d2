package org.benchrig.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs inside the transaction that started or ended a run, on the same connection (the outbox's
 * run events). If it throws, the run change is rolled back with it.
 */
interface RunHook {

    RunHook NONE = new RunHook() { };

    default void afterStart(Connection connection, long runId) throws SQLException {
    }

    default void afterFinish(Connection connection, long runId, RunState state, String reason) throws SQLException {
    }
}
