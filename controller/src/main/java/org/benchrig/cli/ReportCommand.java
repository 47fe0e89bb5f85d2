package org.benchrig.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.benchrig.bench.Hashes;
import org.benchrig.command.ConfigOption;
import org.benchrig.config.RigConfig;
import org.benchrig.report.Html;
import org.benchrig.report.Markdown;
import org.benchrig.report.Report;
import org.benchrig.store.RunInfo;
import org.benchrig.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code benchrig report [--run ID] --format md|html|json [--out FILE]}. */
@Command(name = "report", description = "Write a run's report: environment, reproduce commands, decision matrix, cold and warm results, memory, energy, caveats.")
public final class ReportCommand implements Callable<Integer> {
    enum Format { md, html, json }

    @Mixin
    ConfigOption config;
    @Mixin
    RunSelection run;
    @Option(names = "--format", defaultValue = "md", description = "md, html or json (default: ${DEFAULT-VALUE})")
    Format format;
    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        RigConfig cfg = config.load();
        PrintWriter out = config.out();
        try (Store store = ConfigOption.openStore(cfg)) {
            RunInfo r = run.resolve(store);
            Map<String, Object> model = Report.build(store, r.id(), cfg.source(), Hashes.sha256(cfg.source()), cfg.stats());
            String text = switch (format) {
                case md -> Markdown.render(model);
                case html -> Html.render(model);
                case json -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(model) + "\n";
            };
            if (outFile != null) {
                Files.writeString(outFile, text, StandardCharsets.UTF_8);
                out.println("report of run " + r.id() + " written to " + outFile);
            } else {
                out.print(text);
            }
            out.flush();
            return 0;
        }
    }
}
