/**
 * The device-control interfaces a board is recovered through ({@link org.benchrig.control.ResetLine},
 * {@link org.benchrig.control.PowerSwitch}). This package imports nothing of ours, so {@code board}
 * (which uses them) and {@code instrument} (whose GPIO drivers implement them) need not know each
 * other; ArchitectureTest keeps it so.
 */
package org.benchrig.control;
