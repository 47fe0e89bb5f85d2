package org.benchrig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchrig.command.Env;

/**
 * The jar's entry point. {@code exec} and {@code boards} while a daemon serves the rig go straight
 * to it: no picocli command tree, no YAML library, no config validation (the daemon validated its
 * config), so such a command costs the JVM's start and a round trip. Every other command line, and
 * any option this class does not know, goes to {@link Main} unchanged, which also goes through the
 * daemon, only slower. The rig's data directory is read from the config's top-level
 * {@code data_dir:} line; a config where that line is missing or not a plain scalar goes to
 * {@link Main} too.
 */
public final class QuickStart {
    private static final Pattern DATA_DIR = Pattern.compile("(?m)^data_dir:[ \\t]*(\"[^\"]*\"|'[^']*'|[^#\\s][^#\\r\\n]*?)[ \\t]*(#.*)?\\r?$");

    private QuickStart() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<Integer> quick = Optional.empty();
        try {
            quick = quick(args, new Env(env), out, err);
        } catch (IOException e) {
            // the daemon took the request but its answer did not come: running it again could run the code twice
            err.println("benchrig: the daemon did not answer: " + e.getMessage());
            out.flush();
            err.flush();
            System.exit(Main.EXIT_RIG);
        }
        if (quick.isPresent()) {
            out.flush();
            err.flush();
            System.exit(quick.get());
        }
        Main.main(args);
    }

    /** The exit code of a command served by the daemon, or empty: {@link Main} handles the command line. */
    static Optional<Integer> quick(String[] args, Env env, PrintWriter out, PrintWriter err) throws IOException {
        if (args.length == 0 || !(args[0].equals("exec") || args[0].equals("boards"))) {
            return Optional.empty();
        }
        Args a = Args.parse(args);
        if (a == null) {
            return Optional.empty();
        }
        Optional<Path> dataDir = dataDir(a.config != null ? a.config : env.defaultConfig());
        if (dataDir.isEmpty()) {
            return Optional.empty();
        }
        Optional<DaemonClient> daemon = DaemonClient.find(dataDir.get(), env.variables(), err);
        if (daemon.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (args[0].equals("boards")) {
                return Optional.of(BoardsCommand.viaDaemon(daemon.get(), a.format, out, err));
            }
            String source = a.file != null ? Files.readString(a.file) : a.positional.get(1);
            String label = a.file != null ? a.file.getFileName().toString() : "<stdin>";
            return Optional.of(ExecCommand.viaDaemon(daemon.get(), a.positional.get(0), source, label, a.timeout,
                    a.retries, out, err));
        } catch (DaemonClient.Gone g) {
            return Optional.empty(); // Main finds it gone too, says so and opens the board
        }
    }

    /** The rig's data directory as the config's top-level {@code data_dir:} line names it. */
    static Optional<Path> dataDir(Path config) {
        try {
            Matcher m = DATA_DIR.matcher(Files.readString(config));
            if (!m.find()) {
                return Optional.empty();
            }
            String v = m.group(1);
            if (v.startsWith("\"") || v.startsWith("'")) {
                v = v.substring(1, v.length() - 1);
            }
            if (v.isEmpty() || "|>&*!{[@`%".indexOf(v.charAt(0)) >= 0 || v.contains("\\")) {
                return Optional.empty(); // YAML beyond a plain path: the full reader decides
            }
            Path base = config.toAbsolutePath().normalize().getParent();
            return Optional.of(base.resolve(v).normalize());
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The options of {@code exec} and {@code boards} this path takes; null for anything else. */
    private static final class Args {
        final List<String> positional = new ArrayList<>();
        Path config;
        Path file;
        int timeout = 30;
        int retries;
        FormatOption.Format format = FormatOption.Format.table;

        static Args parse(String[] args) {
            Args a = new Args();
            boolean exec = args[0].equals("exec");
            try {
                for (int i = 1; i < args.length; i++) {
                    String s = args[i];
                    String inline = null;
                    int eq = s.indexOf('=');
                    if (s.startsWith("--") && eq > 0) {
                        inline = s.substring(eq + 1);
                        s = s.substring(0, eq);
                    }
                    switch (s) {
                        case "-c", "--config" -> a.config = Path.of(inline != null ? inline : args[++i]);
                        case "--file" -> {
                            if (!exec) {
                                return null;
                            }
                            a.file = Path.of(inline != null ? inline : args[++i]);
                        }
                        case "--timeout" -> {
                            a.timeout = Integer.parseInt(inline != null ? inline : args[++i]);
                            if (!exec || a.timeout < 1) {
                                return null;
                            }
                        }
                        case "--retry" -> {
                            if (!exec) {
                                return null;
                            }
                            if (inline != null) {
                                a.retries = Integer.parseInt(inline);
                            } else if (i + 1 < args.length && args[i + 1].matches("\\d{1,2}")) {
                                a.retries = Integer.parseInt(args[++i]);
                            } else {
                                a.retries = 3;
                            }
                        }
                        case "--format" -> {
                            if (exec) {
                                return null;
                            }
                            a.format = FormatOption.Format.valueOf(inline != null ? inline : args[++i]);
                        }
                        case "--json" -> {
                            if (exec) {
                                return null;
                            }
                            a.format = FormatOption.Format.json;
                        }
                        default -> {
                            if (s.startsWith("-") && s.length() > 1) {
                                return null; // --help and the rest: Main
                            }
                            a.positional.add(args[i]);
                        }
                    }
                }
            } catch (RuntimeException e) {
                return null; // a missing or bad value: Main says what is wrong
            }
            boolean shape = exec ? a.positional.size() == (a.file == null ? 2 : 1) && a.positional.size() >= 1
                    : a.positional.isEmpty();
            return shape && (a.file == null || Files.isRegularFile(a.file)) ? a : null;
        }
    }
}
