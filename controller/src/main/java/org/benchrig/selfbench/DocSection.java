package org.benchrig.selfbench;

/**
 * Keeps one "## heading" section of a Markdown file current: the section runs from its heading to
 * the next level-2 heading (or the end); other sections, and the text before the first one, stay
 * as they are. A missing section is appended.
 */
public final class DocSection {
    private DocSection() {
    }

    /**
     * @param doc     the whole file ("" when it does not exist yet: then {@code intro} starts it)
     * @param heading e.g. "## selfbench link"
     * @param body    the section's text after its heading line
     */
    public static String replace(String doc, String intro, String heading, String body) {
        String section = heading + "\n\n" + body.strip() + "\n";
        String text = doc.isBlank() ? intro.strip() + "\n" : doc;
        int start = headingAt(text, heading);
        if (start < 0) {
            String base = text.endsWith("\n") ? text : text + "\n";
            return base + "\n" + section;
        }
        int next = nextHeading(text, start + heading.length());
        String before = text.substring(0, start);
        String after = next < 0 ? "" : "\n" + text.substring(next);
        return before + section + after;
    }

    /** Where a line that is exactly {@code heading} starts, or -1. */
    static int headingAt(String text, String heading) {
        int from = 0;
        while (true) {
            int at = text.indexOf(heading, from);
            if (at < 0) {
                return -1;
            }
            boolean lineStart = at == 0 || text.charAt(at - 1) == '\n';
            int end = at + heading.length();
            boolean lineEnd = end == text.length() || text.charAt(end) == '\n' || text.charAt(end) == '\r';
            if (lineStart && lineEnd) {
                return at;
            }
            from = at + 1;
        }
    }

    /** Start of the next line beginning with "## " after {@code from}, or -1 (fenced code is skipped). */
    static int nextHeading(String text, int from) {
        int lineStart = text.indexOf('\n', from);
        boolean fenced = false;
        while (lineStart >= 0) {
            int s = lineStart + 1;
            if (text.startsWith("```", s)) {
                fenced = !fenced;
            } else if (!fenced && text.startsWith("## ", s)) {
                return s;
            }
            lineStart = text.indexOf('\n', s);
        }
        return -1;
    }
}
