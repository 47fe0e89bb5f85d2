package org.benchrig.config;

/** How the controller reaches a board; written lower-case in YAML. */
public enum BoardKind {
    /** QEMU running a firmware image, reached through a pty. */
    EMULATED,
    /** A physical board on a USB serial port. */
    SERIAL
}
