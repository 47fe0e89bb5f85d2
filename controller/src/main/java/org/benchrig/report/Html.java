package org.benchrig.report;

import java.util.Map;

/** Renders a {@link Report} model as one self-contained HTML page (no external resources). */
public final class Html {
    private Html() {
    }

    public static String render(Map<String, Object> r) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(String.valueOf(r.get("title")))
                + "</title></head><body><pre>" + esc(Markdown.render(r)) + "</pre></body></html>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
