package org.benchrig.compat;

import java.util.Optional;

/**
 * The compatibility tags of a wheel file name (PEP 427: {@code name-version[-build]-python-abi-platform.whl}).
 * A wheel is pure Python when its ABI is {@code none} and its platform {@code any}.
 */
record WheelTags(String python, String abi, String platform) {

    static Optional<WheelTags> of(String fileName) {
        if (!fileName.endsWith(".whl")) {
            return Optional.empty();
        }
        String[] p = fileName.substring(0, fileName.length() - 4).split("-");
        if (p.length < 5) {
            return Optional.empty();
        }
        return Optional.of(new WheelTags(p[p.length - 3], p[p.length - 2], p[p.length - 1]));
    }

    boolean pure() {
        return abi.equals("none") && platform.equals("any");
    }

    @Override
    public String toString() {
        return python + "-" + abi + "-" + platform;
    }
}
