package org.benchrig.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.benchrig.bench.BenchmarkFileErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code benchrig new NAME --class service|pipeline|cli|embedded}: writes a commented starting
 * benchmark file (from firmware-scripts/templates/) that follows the contract and passes on
 * every target; checked by the catalog before it is kept.
 */
@Command(name = "new", description = "Write a commented starting benchmark file for your own code (passes on every target).")
public final class NewCommand implements Callable<Integer> {
    static final List<String> CLASSES = List.of("service", "pipeline", "cli", "embedded");
    private static final String PLACEHOLDER = "TEMPLATE_NAME";

    @ParentCommand
    BenchrigCommand parent;
    @Parameters(index = "0", paramLabel = "NAME", description = "the benchmark's name: a module name, the file is NAME.py")
    String name;
    @Option(names = "--class", required = true, paramLabel = "CLASS",
            description = "the app class it stands for: service, pipeline, cli or embedded")
    String appClass;
    @Option(names = "--dir", paramLabel = "DIR", description = "where to write NAME.py (default: the current directory)")
    Path dir = Path.of("");
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!CLASSES.contains(appClass)) {
            throw new IllegalArgumentException("--class " + appClass + ": expected one of " + String.join(", ", CLASSES));
        }
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("NAME '" + name + "': expected a module name of lower-case letters, digits and _"
                    + " (it becomes NAME.py and is imported on boards and hosts)");
        }
        Path target = dir.toAbsolutePath().normalize();
        Files.createDirectories(target);
        Path file = target.resolve(name + ".py");
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists already; choose another NAME or --dir");
        }
        Path template = parent.env.scriptsDir().resolve("templates").resolve(appClass + ".py");
        String text = Files.readString(template, StandardCharsets.UTF_8).replace(PLACEHOLDER, name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {   // the same check a run makes: a NAME taken by the harness or another benchmark is refused
            parent.env.catalog(List.of(target));
        } catch (BenchmarkFileErrors e) {
            List<String> mine = e.problems().stream().filter(p -> p.startsWith(file + ":")).toList();
            if (!mine.isEmpty()) {
                Files.delete(file);
                throw new IllegalArgumentException("not written: " + String.join("; ", mine));
            }
            out.println("note: other files in " + target + " break the contract; `run` will refuse them:");
            e.problems().forEach(p -> out.println("  " + p));
        }
        out.println("wrote " + file + " (" + appClass + "; tiers s, m, l; passes on boards and hosts as written)");
        out.println("edit bench() and EXPECT, then: benchrig run --bench-dir " + target + " --suite " + name);
        return 0;
    }
}
