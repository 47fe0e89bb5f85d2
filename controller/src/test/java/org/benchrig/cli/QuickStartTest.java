package org.benchrig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick path finds the data dir as the config reader would, or leaves the config to it. */
class QuickStartTest {
    @TempDir
    Path dir;

    @Test
    void dataDirIsTheTopLevelLineResolvedAgainstTheConfigsDirectory() throws Exception {
        assertThat(QuickStart.dataDir(write("rig: x\ndata_dir: ../data   # the store\n"))).contains(dir.getParent().resolve("data"));
        assertThat(QuickStart.dataDir(write("rig: x\ndata_dir: \"my data\"\n"))).contains(dir.resolve("my data"));
        assertThat(QuickStart.dataDir(write("rig: x\ndata_dir: /var/lib/benchrig\n"))).contains(Path.of("/var/lib/benchrig"));
        // nested keys, anchors, flow style, a missing line: the full reader decides
        assertThat(QuickStart.dataDir(write("rig: x\nhub:\n  data_dir: d\n"))).isEmpty();
        assertThat(QuickStart.dataDir(write("rig: x\ndata_dir: *where\n"))).isEmpty();
        assertThat(QuickStart.dataDir(write("{rig: x, data_dir: d}\n"))).isEmpty();
        assertThat(QuickStart.dataDir(dir.resolve("none.yaml"))).isEmpty();
    }

    private Path write(String yaml) throws Exception {
        Path p = dir.resolve("rig.yaml");
        Files.writeString(p, yaml);
        return p;
    }
}
