package org.benchrig.selfbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/performance.md: each selfbench kind replaces only its own section. */
class DocSectionTest {
    private static final String INTRO = "# perf\n\nintro\n";

    @Test
    void replacesOnlyItsOwnSectionAndKeepsTheOthers() {
        String doc = INTRO + "\n## selfbench parallel\n\nparallel table\n\n## selfbench link\n\nold link\n"
                + "```\n## not a heading inside code\n```\n\n## selfbench web\n\nweb table\n";
        String out = DocSection.replace(doc, INTRO, "## selfbench link", "new link");
        assertThat(out).isEqualTo(INTRO + "\n## selfbench parallel\n\nparallel table\n\n## selfbench link\n\nnew link\n"
                + "\n## selfbench web\n\nweb table\n");
    }

    @Test
    void appendsAMissingSectionAndStartsAMissingFileWithTheIntro() {
        String fresh = DocSection.replace("", INTRO, "## selfbench link", "table");
        assertThat(fresh).isEqualTo(INTRO + "\n## selfbench link\n\ntable\n");
        String withOther = DocSection.replace(INTRO + "\n## selfbench mqtt\n\nm\n", INTRO, "## selfbench link", "t");
        assertThat(withOther).isEqualTo(INTRO + "\n## selfbench mqtt\n\nm\n\n## selfbench link\n\nt\n");
    }

    @Test
    void aLongerHeadingWithTheSamePrefixIsNotOurs() {
        String doc = INTRO + "\n## selfbench linkage\n\nx\n";
        assertThat(DocSection.replace(doc, INTRO, "## selfbench link", "t")).startsWith(doc);
    }

    @Test
    void runningTwiceGivesTheSameFile() {
        String once = DocSection.replace(INTRO, INTRO, "## selfbench link", "t");
        assertThat(DocSection.replace(once, INTRO, "## selfbench link", "t")).isEqualTo(once);
    }
}
