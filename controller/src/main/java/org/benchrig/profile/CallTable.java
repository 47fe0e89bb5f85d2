package org.benchrig.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The deterministic profile (cProfile) of one benchmark on one host: one row per function. */
public record CallTable(List<Row> rows) {
    /** What cProfile says about one function: calls, primitive (non-recursive) calls, self and cumulative time. */
    public record Row(String function, String file, int line, long calls, long primitiveCalls, double selfSeconds,
                      double cumulativeSeconds) {
    }

    static final String HEADER = "function\tfile\tline\tcalls\tprimitive_calls\tself_s\tcumulative_s";

    public CallTable {
        rows = List.copyOf(rows);
    }

    /** Parses profrun.py's cprofile.tsv; a bad line fails with {@code SOURCE:LINE: ...}. */
    public static CallTable parse(String text, String source) {
        List<Row> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException(source + ":1: expected the header '" + HEADER.replace("\t", "<TAB>") + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split("\t", -1);
            try {
                out.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1)
                        + ": expected 7 tab-separated fields (function, file, line, calls, primitive calls, self s, cumulative s)");
            }
        }
        return new CallTable(out);
    }

    public String text() {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            s.append(String.join("\t", r.function(), r.file(), String.valueOf(r.line()), String.valueOf(r.calls()),
                    String.valueOf(r.primitiveCalls()), String.valueOf(r.selfSeconds()),
                    String.valueOf(r.cumulativeSeconds()))).append('\n');
        }
        return s.toString();
    }

    /** The rows with the most self time first. */
    public List<Row> bySelfTime() {
        return rows.stream().sorted(Comparator.comparingDouble(Row::selfSeconds).reversed()).toList();
    }
}
