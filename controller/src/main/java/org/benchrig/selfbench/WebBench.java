package org.benchrig.selfbench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.benchrig.stats.Summary;
import org.benchrig.store.Store;

/**
 * {@code selfbench web}: the time of {@code GET /api/benchmarks/{name}/history} on a store of 10
 * thousand and on one of 1 million generated measurements. Both stores hold the same history of the
 * benchmark asked for (the newest {@link #HISTORY_RUNS} nightly runs of {@link #RUN_BENCHMARKS}
 * benchmarks on {@link #TARGETS}); the big one adds older runs of other benchmarks. With the
 * (benchmark, target, at) index the answer costs the same in both; a scan would cost 100 times more.
 */
public final class WebBench {
    public static final String BENCHMARK = "fib";
    public static final String TARGET = "mb1";
    static final List<String> TARGETS = List.of("mb1", "mb2", "cpython", "pypy");
    static final List<String> RUN_BENCHMARKS = List.of("fib", "float", "nqueens", "sieve", "strings");
    static final int HISTORY_RUNS = 50;
    static final int REPETITIONS = 5;
    /** Other benchmarks the older runs of a big store ran (20 per run, from a pool of this many). */
    static final int FILLER_NAMES = 100;
    static final int FILLER_PER_RUN = 20;

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One store size: request times over {@code requests} interleaved requests, and the rows answered. */
    public record Size(long measurements, double generateSeconds, Summary requestMs, Summary scanMs, int points,
                       int historyMeasurements) {
    }

    public record Report(List<Size> sizes, double ratio, int requests) {
    }

    private WebBench() {
    }

    /**
     * Fills a freshly migrated store file with about {@code total} measurements in one transaction
     * (batched inserts); the newest {@link #HISTORY_RUNS} runs are the same in every store.
     *
     * @return how many measurements were inserted
     */
    public static long generate(Path dbFile, long total) throws SQLException {
        Store.open(dbFile).close(); // the real migrations
        long perHistoryRun = (long) RUN_BENCHMARKS.size() * TARGETS.size() * 2 * REPETITIONS;
        long perFillerRun = (long) FILLER_PER_RUN * TARGETS.size() * 2 * REPETITIONS;
        long history = perHistoryRun * HISTORY_RUNS;
        if (total < history) {
            throw new IllegalArgumentException("a store needs at least " + history + " measurements");
        }
        long fillerRuns = (total - history + perFillerRun - 1) / perFillerRun;
        long fillerLast = (total - history) - (fillerRuns - 1) * perFillerRun; // the oldest run may be partial
        long count = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous = OFF"); // a scratch file: no fsync per page
                st.execute("PRAGMA cache_size = -200000");
            }
            c.setAutoCommit(false);
            Instant start = Instant.parse("2020-01-01T02:00:00Z");
            long runs = fillerRuns + HISTORY_RUNS;
            try (PreparedStatement run = c.prepareStatement("INSERT INTO runs (id, rig, suite, state, started_at, ended_at, "
                    + "repetitions, targets, config_hash) VALUES (?, 'selfbench', ?, 'done', ?, ?, ?, ?, 'generated')");
                 PreparedStatement m = c.prepareStatement("INSERT INTO measurements (id, run_id, target, benchmark, tier, "
                         + "repetition, mode, time_ns, wall_ns, free_before, free_after, free_after_collect, peak_rss_kb, "
                         + "check_value, outcome, failure_detail, at) VALUES (?, ?, ?, ?, 's', ?, ?, ?, NULL, ?, ?, ?, ?, ?, 'ok', '', ?)")) {
                java.util.Random random = new java.util.Random(42);
                for (long r = 1; r <= runs; r++) {
                    boolean filler = r <= fillerRuns;
                    Instant at = start.plusSeconds(86_400 * r);
                    run.setLong(1, r);
                    run.setString(2, filler ? "generated-old" : "nightly");
                    run.setString(3, AT.format(at));
                    run.setString(4, AT.format(at.plusSeconds(600)));
                    run.setInt(5, REPETITIONS);
                    run.setString(6, String.join(",", TARGETS));
                    run.executeUpdate();
                    List<String> names = new ArrayList<>();
                    if (filler) {
                        for (int k = 0; k < FILLER_PER_RUN; k++) {
                            names.add("gen-" + (((r * FILLER_PER_RUN) + k) % FILLER_NAMES));
                        }
                    } else {
                        names.addAll(RUN_BENCHMARKS);
                    }
                    long inRun = 0;
                    long limit = filler && r == 1 ? fillerLast : Long.MAX_VALUE;
                    int second = 0;
                    for (String target : TARGETS) {
                        boolean board = target.startsWith("mb");
                        for (String name : names) {
                            for (String mode : List.of("cold", "warm")) {
                                for (int rep = 0; rep < REPETITIONS && inRun < limit; rep++, inRun++) {
                                    long base = 1_000_000L + (name.hashCode() & 0xffff) * 100L;
                                    m.setString(1, String.format(Locale.ROOT, "g%09d", ++count));
                                    m.setLong(2, r);
                                    m.setString(3, target);
                                    m.setString(4, name);
                                    m.setInt(5, rep);
                                    m.setString(6, mode);
                                    m.setLong(7, Math.round(base * (board ? 100 : 1) * (1 + 0.01 * random.nextGaussian())));
                                    if (board) {
                                        m.setLong(8, 9300);
                                        m.setLong(9, 9100);
                                        m.setLong(10, 9290);
                                        m.setNull(11, java.sql.Types.INTEGER);
                                    } else {
                                        m.setNull(8, java.sql.Types.INTEGER);
                                        m.setNull(9, java.sql.Types.INTEGER);
                                        m.setNull(10, java.sql.Types.INTEGER);
                                        m.setLong(11, 14_000);
                                    }
                                    m.setString(12, "42");
                                    m.setString(13, AT.format(at.plusMillis(second++ * 50L)));
                                    m.addBatch();
                                    if (count % 10_000 == 0) {
                                        m.executeBatch();
                                    }
                                }
                            }
                        }
                    }
                }
                m.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                st.execute("ANALYZE");
            }
        }
        return count;
    }

    /** Milliseconds of the history query run as a full table scan (what the index saves), for comparison. */
    static double scanMs(Path dbFile) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM measurements NOT INDEXED "
                     + "WHERE benchmark = ? AND target = ?")) {
            ps.setString(1, BENCHMARK);
            ps.setString(2, TARGET);
            long t0 = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /**
     * Times the history request against each base URL (a web server per store), interleaved, after
     * {@code warmup} untimed requests each.
     *
     * @param servers  store size -> (database file, base URL of a web server reading it)
     */
    public static Report measure(Map<Long, Map.Entry<Path, String>> servers, Map<Long, Double> generated, int warmup,
                                 int requests, PrintWriter progress) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Function<String, HttpRequest> req = base -> HttpRequest.newBuilder(URI.create(base + "api/benchmarks/"
                + BENCHMARK + "/history?target=" + TARGET)).build();
        Map<Long, List<Double>> times = new LinkedHashMap<>();
        Map<Long, List<Double>> scans = new LinkedHashMap<>();
        Map<Long, int[]> shape = new LinkedHashMap<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (var e : servers.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                HttpResponse<String> r = http.send(req.apply(e.getValue().getValue()), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("history request answered " + r.statusCode() + ": " + r.body());
                }
                var doc = json.readTree(r.body());
                int n = 0;
                for (var p : doc.get("points")) {
                    n += p.get("n").asInt() + p.get("failures").asInt();
                }
                shape.put(e.getKey(), new int[] {doc.get("points").size(), n});
            }
        }
        for (int i = 0; i < requests; i++) {
            for (var e : servers.entrySet()) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(req.apply(e.getValue().getValue()), HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("history request answered " + r.statusCode());
                }
                times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ms);
            }
        }
        for (int i = 0; i < 3; i++) {
            for (var e : servers.entrySet()) {
                scans.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(scanMs(e.getValue().getKey()));
            }
        }
        List<Size> sizes = new ArrayList<>();
        for (var e : times.entrySet()) {
            Summary s = Summary.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            Summary scan = Summary.of(scans.get(e.getKey()).stream().mapToDouble(Double::doubleValue).toArray());
            sizes.add(new Size(e.getKey(), generated.getOrDefault(e.getKey(), Double.NaN), s, scan,
                    shape.get(e.getKey())[0], shape.get(e.getKey())[1]));
            progress.printf(Locale.ROOT, "%,d measurements: median %.2f ms over %d requests%n", e.getKey(), s.median(), s.n());
        }
        double ratio = sizes.get(sizes.size() - 1).requestMs().median() / sizes.get(0).requestMs().median();
        return new Report(sizes, ratio, requests);
    }
}
