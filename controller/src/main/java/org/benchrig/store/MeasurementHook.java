package org.benchrig.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.benchrig.result.Measurement;

/**
 * Runs inside the transaction that inserted a measurement, on the same connection, only when the
 * row was new (not for a duplicate id). If it throws, the measurement is rolled back with it.
 * This is where the outbox row goes: a later migration adds the table, and one line installs a hook.
 */
@FunctionalInterface
interface MeasurementHook {

    MeasurementHook NONE = (connection, measurement) -> { };

    void afterInsert(Connection connection, Measurement measurement) throws SQLException;
}
