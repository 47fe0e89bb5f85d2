package org.benchrig.selfbench;

import java.nio.charset.StandardCharsets;

/** A plausible Python module of an exact size, the same bytes every time: what (b) uploads. */
final class ModuleText {
    private ModuleText() {
    }

    static byte[] ofSize(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 64);
        sb.append("\"\"\"selfbench upload payload: constants and a function.\"\"\"\n");
        int i = 0;
        while (sb.length() < bytes) {
            sb.append(String.format("def f%03d(x):\n    return (x * %d + %d) %% 65521  # row %d\n", i, 31 + i, 7 * i, i));
            i++;
        }
        sb.setLength(bytes - 1);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
