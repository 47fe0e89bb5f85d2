package org.benchrig.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchrig.bench.Rig;
import org.benchrig.command.ConfigOption;
import org.benchrig.compat.CompatCheck;
import org.benchrig.compat.CompatFailure;
import org.benchrig.compat.CompatReport;
import org.benchrig.compat.PipOptions;
import org.benchrig.config.RigConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code benchrig compat FILE}: will the app's dependencies install / import on each target? */
@Command(name = "compat", description = {
        "Will the app's dependencies run on each target? FILE is a requirements.txt, a pyproject.toml or Python "
                + "source (a file or directory; its imports are read with ast, never run).",
        "Hosts are asked through their own pip (dry run, installs nothing); boards through help('modules').",
        "Exit 0: every dependency installs or imports everywhere (C extensions included); 1: something cannot "
                + "install or is missing; 2: bad usage or file; 3: a target could not be asked."})
public final class CompatCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Parameters(index = "0", paramLabel = "FILE", description = "requirements.txt, pyproject.toml, a .py file or a directory")
    Path file;
    @Option(names = "--target", paramLabel = "T", split = ",", description = "a board or host id (repeatable; default: all)")
    List<String> targets = new ArrayList<>();
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json")
    String format;
    @Option(names = "--index-url", paramLabel = "URL", description = "passed to pip")
    String indexUrl;
    @Option(names = "--extra-index-url", paramLabel = "URL", description = "passed to pip (repeatable)")
    List<String> extraIndexUrls = new ArrayList<>();
    @Option(names = "--find-links", paramLabel = "DIR|URL", description = "passed to pip (repeatable), e.g. a local wheel directory")
    List<String> findLinks = new ArrayList<>();
    @Option(names = "--no-index", description = "passed to pip: only --find-links; builds then use the interpreter's own setuptools")
    boolean noIndex;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format: expected table or json, got '" + format + "'");
        }
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        Rig[] opened = new Rig[1];
        try {
            CompatReport report = new CompatCheck(cfg, new PipOptions(pipArgs()), () -> {
                synchronized (opened) {
                    if (opened[0] == null) {
                        opened[0] = Rig.open(cfg);
                        opened[0].setPurpose("benchrig compat");
                    }
                    return opened[0];
                }
            }).check(file, targets);
            if (format.equals("json")) {
                out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
                out.flush();
            } else {
                CompatPrinter.print(report, out);
            }
            return report.anyNotChecked() ? Main.EXIT_RIG : report.anyBlocked() ? Main.EXIT_FAILED : 0;
        } catch (CompatFailure f) {
            PrintWriter err = config.err();
            err.println("benchrig: " + f.getMessage());
            err.flush();
            return Main.EXIT_RIG;
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
    }

    private List<String> pipArgs() {
        List<String> a = new ArrayList<>();
        if (noIndex) {
            a.add("--no-index");
        }
        if (indexUrl != null) {
            a.addAll(List.of("--index-url", indexUrl));
        }
        extraIndexUrls.forEach(u -> a.addAll(List.of("--extra-index-url", u)));
        for (String f : findLinks) {
            a.addAll(List.of("--find-links", f.contains("://") ? f : Path.of(f).toAbsolutePath().normalize().toString()));
        }
        return a;
    }
}
