package org.benchrig.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    /** A PATH holding only an executable called {@code py}, so host checks do not depend on the machine. */
    private String pathEnv;
    private Path file;

    /** A valid config; tests break one thing in it. Lines: 1 rig, 2 data_dir, 3 boards, 4-6 mb1, 7 hosts, 8-9 cpython. */
    private static final String VALID = """
            rig: t
            data_dir: data
            boards:
              - id: mb1
                kind: emulated
                firmware: fw.hex
            hosts:
              - id: cpython
                interpreter: py
            """;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("fw.hex"), ":00000001FF\n");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path py = Files.writeString(bin.resolve("py"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(py, PosixFilePermissions.fromString("rwxr-xr-x"));
        pathEnv = bin.toString();
        file = dir.resolve("rig.yaml");
    }

    private RigConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(yaml, file, pathEnv);
    }

    /** The lines of the error message for {@code yaml}, which must not load. */
    private List<String> problems(String yaml) throws IOException {
        Files.writeString(file, yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(Files.readString(file), file, pathEnv));
        assertThat(e).as("config should have been rejected:\n%s", yaml).isNotNull();
        return List.of(e.getMessage().split("\n"));
    }

    private String at(int line, int column, String rest) {
        return file + ":" + line + ":" + column + ": " + rest;
    }

    // ---- loading good configs -----------------------------------------------------------------

    @Test
    void simYamlLoadsAsTheDefaultRig() throws Exception {
        Path repo = Path.of(System.getProperty("benchrig.repo"));
        Path sim = repo.resolve("rig-configs/sim.yaml");

        RigConfig config = ConfigLoader.load(sim);

        assertThat(config.rig()).isEqualTo("sim-bench");
        assertThat(config.platform()).isEqualTo(Platform.SIMULATED);
        assertThat(config.dataDir()).isEqualTo(repo.toAbsolutePath().normalize().resolve("data"));
        assertThat(config.run()).isEqualTo(RunDefaults.DEFAULT);
        assertThat(config.targetIds()).containsExactly("mb1", "mb2", "cpython", "pypy");
        BoardConfig mb1 = config.board("mb1").orElseThrow();
        assertThat(mb1.kind()).isEqualTo(BoardKind.EMULATED);
        assertThat(mb1.model()).isEqualTo("microbit");
        assertThat(mb1.firmware()).isEqualTo(Path.of("/usr/share/firmware-microbit-micropython/firmware.hex"));
        assertThat(mb1.port()).isNull();
        assertThat(mb1.pacing()).isEqualTo(Pacing.SAFE_DEFAULT);
        assertThat(config.board("mb2").orElseThrow().pacing()).isEqualTo(Pacing.SAFE_DEFAULT);
        assertThat(config.host("pypy").orElseThrow().interpreter()).isEqualTo("pypy3");
        assertThat(config.host("cpython").orElseThrow().cpus()).isEmpty();
        assertThat(config.source()).isEqualTo(sim.toAbsolutePath().normalize());
    }

    @Test
    void defaultsApplyAndRelativePathsResolveAgainstTheConfigFilesDirectory() throws Exception {
        RigConfig config = load(VALID);

        assertThat(config.platform()).isEqualTo(Platform.SIMULATED);
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().normalize().resolve("data"));
        assertThat(config.run()).isEqualTo(new RunDefaults("default", 5, 120));
        BoardConfig mb1 = config.boards().get(0);
        assertThat(mb1).isEqualTo(new BoardConfig("mb1", BoardKind.EMULATED, "microbit",
                dir.toAbsolutePath().normalize().resolve("fw.hex"), null, 115_200, Pacing.SAFE_DEFAULT, "s"));
        assertThat(config.hosts()).containsExactly(new HostConfig("cpython", "py", List.of(), "s"));
        assertThat(config.board("cpython")).isEmpty();
        assertThat(config.host("nope")).isEmpty();
    }

    @Test
    void serialBoardsAndPinnedHostsLoad() throws Exception {
        RigConfig config = load("""
                rig: pi-bench
                platform: raspberrypi
                data_dir: .
                run: {suite: nightly, repetitions: 1000, benchmark_timeout_s: 1}
                boards:
                  - id: esp32-a
                    kind: serial
                    model: esp32
                    port: /dev/ttyUSB0
                    baud: 921600
                    pacing: {chunk_bytes: 4096, gap_ms: 0}
                    tier: l
                hosts:
                  - id: cpython
                    interpreter: py
                    cpus: [0, 3]
                    tier: m
                """);

        assertThat(config.platform()).isEqualTo(Platform.RASPBERRYPI);
        assertThat(config.run()).isEqualTo(new RunDefaults("nightly", 1000, 1));
        assertThat(config.boards()).containsExactly(new BoardConfig("esp32-a", BoardKind.SERIAL, "esp32", null,
                "/dev/ttyUSB0", 921_600, new Pacing(4096, 0), "l"));
        assertThat(config.hosts()).containsExactly(new HostConfig("cpython", "py", List.of(0, 3), "m"));
    }

    // ---- malformed configs: one exact line each -----------------------------------------------

    /**
     * Broken configs (VALID with one thing wrong, or a whole text) and the exact lines of their
     * error message, each "line:column: path: message" after the file's name.
     */
    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("unknown key suggests the closest known key", VALID.replace("firmware: fw.hex", "firmwre: fw.hex"),
                        List.of("4:5: boards[0].firmware: missing required field 'firmware'",
                                "6:5: boards[0].firmwre: unknown key; did you mean 'firmware'?")),
                arguments("unknown key with nothing close lists the known keys", VALID + "colour: red\n",
                        List.of("10:1: colour: unknown key; expected one of: rig, platform, data_dir, run, boards, hosts, web, mqtt, schedule, stats, benchmarks")),
                arguments("camel case key is recognised as its snake case spelling", VALID + "run:\n  benchmarkTimeoutS: 10\n",
                        List.of("11:3: run.benchmarkTimeoutS: unknown key; did you mean 'benchmark_timeout_s'?")),
                arguments("word where an integer belongs is a wrong type", VALID + "run:\n  repetitions: five\n",
                        List.of("11:16: run.repetitions: expected an integer in 1..1000, got 'five'")),
                arguments("mapping where a list belongs is a wrong type", "rig: t\ndata_dir: data\nboards: {}\n",
                        List.of("3:9: boards: expected a list, got a mapping")),
                arguments("missing required field points at the enclosing mapping", VALID.replace("    kind: emulated\n", ""),
                        List.of("4:5: boards[0].kind: missing required field 'kind'")),
                arguments("missing top level fields are all reported", "platform: simulated\n",
                        List.of("1:1: rig: missing required field 'rig'",
                                "1:1: data_dir: missing required field 'data_dir'")),
                arguments("duplicate id across boards and hosts points at the second and names the first", VALID.replace("id: cpython", "id: mb1"),
                        List.of("8:9: hosts[0].id: duplicate id 'mb1'; ids must be unique across boards and hosts,"
                                        + " first used at line 4 (boards[0].id)")),
                arguments("invalid enum values list the allowed values", VALID.replace("kind: emulated", "kind: qemu") + "platform: arduino\n",
                        List.of("5:11: boards[0].kind: invalid value 'qemu'; expected one of: emulated, serial",
                                "10:11: platform: invalid value 'arduino'; expected one of: simulated, raspberrypi")),
                arguments("out of range numbers name the full path and the range", VALID.replace("hosts:\n  - id: cpython\n    interpreter: py\n",
                                "  - id: mb2\n    kind: emulated\n    firmware: fw.hex\n    pacing: {chunk_bytes: 0, gap_ms: 1001}\n    tier: xl\n"),
                        List.of("10:27: boards[1].pacing.chunk_bytes: expected an integer in 1..4096, got 0",
                                "10:38: boards[1].pacing.gap_ms: expected an integer in 0..1000, got 1001",
                                "11:11: boards[1].tier: invalid value 'xl'; expected one of: s, m, l")),
                arguments("ids must match the pattern", VALID.replace("rig: t", "rig: Sim Bench").replace("id: mb1", "id: _mb1"),
                        List.of("1:6: rig: invalid id 'Sim Bench'; expected an id matching [a-z0-9][a-z0-9_-]*"
                                        + " (lower-case letters, digits, '_' and '-')",
                                "4:9: boards[0].id: invalid id '_mb1'; expected an id matching [a-z0-9][a-z0-9_-]*"
                                        + " (lower-case letters, digits, '_' and '-')")),
                arguments("port and baud are forbidden for emulated boards and port required for serial", VALID.replace("firmware: fw.hex",
                                "firmware: fw.hex\n    port: /dev/ttyACM0\n    baud: 9600\n  - id: pico\n    kind: serial"),
                        List.of("7:5: boards[0].port: not allowed for an emulated board (kind: emulated);"
                                        + " remove it or use kind: serial",
                                "8:5: boards[0].baud: not allowed for an emulated board (kind: emulated);"
                                        + " baud applies to serial boards only",
                                "9:5: boards[1].port: missing required field 'port'")),
                arguments("negative cpu index is reported at the list element", VALID + "    cpus: [1, -2, x]\n",
                        List.of("10:15: hosts[0].cpus[1]: expected an integer >= 0, got -2",
                                "10:19: hosts[0].cpus[2]: expected an integer >= 0, got 'x'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedConfigIsRejectedWithOneExactLinePerProblem(String what, String yaml, List<String> lines) throws Exception {
        assertThat(problems(yaml)).containsExactlyElementsOf(lines.stream().map(l -> file + ":" + l).toList());
    }

    @Test
    void missingFirmwareFileNamesTheResolvedPath() throws Exception {
        assertThat(problems(VALID.replace("fw.hex", "../fw/missing.hex"))).containsExactly(
                at(6, 15, "boards[0].firmware: file not found: "
                        + dir.toAbsolutePath().getParent().resolve("fw/missing.hex")));
    }

    @Test
    void benchmarkDirectoriesResolveAgainstTheConfigAndAMissingOneIsPinnedToItsLine() throws Exception {
        Files.createDirectory(dir.resolve("mine"));
        assertThat(load(VALID + "benchmarks: [mine]\n").benchmarks()).containsExactly(dir.resolve("mine").toAbsolutePath());
        assertThat(problems(VALID + "benchmarks:\n  - mine\n  - nowhere\n")).containsExactly(
                at(12, 5, "benchmarks[1]: benchmark directory not found: " + dir.toAbsolutePath().resolve("nowhere")
                        + " (expected a directory of benchmark files)"));
    }

    @Test
    void dataDirThatIsAFileIsABadPath() throws Exception {
        assertThat(problems(VALID.replace("data_dir: data", "data_dir: fw.hex"))).containsExactly(
                at(2, 11, "data_dir: bad path: " + dir.toAbsolutePath().resolve("fw.hex")
                        + " exists but is not a directory; expected a directory or a path that can be created"));
    }

    @Test
    void dataDirWhoseParentDoesNotExistIsABadPath() throws Exception {
        assertThat(problems(VALID.replace("data_dir: data", "data_dir: no/such/data"))).containsExactly(
                at(2, 11, "data_dir: bad path: " + dir.toAbsolutePath().resolve("no/such/data")
                        + " cannot be created, its parent " + dir.toAbsolutePath().resolve("no/such")
                        + " does not exist"));
    }

    @Test
    void interpreterMustBeOnPathOrAnExecutableFile() throws Exception {
        assertThat(problems(VALID + "  - id: pypy\n    interpreter: pypy9\n  - id: venv\n    interpreter: ./fw.hex\n"))
                .containsExactly(
                        at(11, 18, "hosts[1].interpreter: interpreter 'pypy9' not found;"
                                + " expected a command on PATH or a path to an executable file"),
                        at(13, 18, "hosts[2].interpreter: interpreter not found: "
                                + dir.toAbsolutePath().resolve("fw.hex") + " is not an executable file"));
    }

    @Test
    void topLevelListIsNotAMapping() throws Exception {
        Path bad = resource("bad-not-a-mapping.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(bad));
        assertThat(e.getMessage()).isEqualTo(
                bad + ":1:1: (root): expected a YAML mapping (rig: ..., data_dir: ...) at the top level, got a list");
    }

    @Test
    void yamlSyntaxErrorHasItsLineAndColumn() throws Exception {
        Path bad = resource("bad-syntax.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(bad));
        assertThat(e.getMessage()).isEqualTo(
                bad + ":5:19: (root): YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void emptyFileIsReported() throws Exception {
        assertThat(problems("")).containsExactly(
                at(1, 1, "(root): empty file; expected a YAML mapping with at least 'rig' and 'data_dir'"));
        assertThat(problems("# only a comment\n")).containsExactly(
                at(1, 1, "(root): empty file; expected a YAML mapping with at least 'rig' and 'data_dir'"));
    }

    @Test
    void duplicateYamlKeyIsReportedAtTheSecondOccurrence() throws Exception {
        assertThat(problems(VALID.replace("    kind: emulated\n", "    kind: emulated\n    kind: emulated\n")))
                .containsExactly(at(6, 5, "boards[0].kind: duplicate key 'kind'; first defined at line 5"));
    }

    @Test
    void secondYamlDocumentIsReported() throws Exception {
        assertThat(problems(VALID + "---\nrig: u\n")).containsExactly(
                at(11, 1, "(root): a rig config is a single YAML document; found another one here"));
    }

    @Test
    void listWhereAStringBelongsIsAWrongType() throws Exception {
        assertThat(problems(VALID.replace("model: microbit", "").replace("kind: emulated", "kind: emulated\n    model: [microbit]")))
                .containsExactly(at(6, 12, "boards[0].model: expected a string, got a list"));
    }

    @Test
    void unreadableFileIsReported() {
        Path missing = dir.resolve("missing.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(missing));
        assertThat(e.getMessage()).isEqualTo(missing + ":1:1: (file): cannot read the config file: no such file");
    }

    @Test
    void aByteThatIsNotUtf8IsNamedWithItsLineColumnAndOffset() throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        byte[] head = "rig: t\ndata_dir: data\n# caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xE9; // é in ISO-8859-1
        bytes[head.length + 1] = '\n';
        Files.write(latin1, bytes);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(latin1));
        assertThat(e.getMessage()).isEqualTo(latin1 + ":3:6: (file): not UTF-8: byte 0xE9 at offset " + head.length
                + " (line 3, column 6) does not start a valid UTF-8 character; save the file as UTF-8");
    }

    @Test
    void allProblemsAreReportedInFileOrder() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                rig: t
                data_dir: data
                run: {repetitions: 0}
                boards:
                  - id: mb1
                    kind: serial
                    tire: s
                hosts: []
                """));
        assertThat(e.problems()).extracting(ConfigProblem::path)
                .containsExactly("run.repetitions", "boards[0].port", "boards[0].tire");
        assertThat(e.problems().get(2).message()).isEqualTo("unknown key; did you mean 'tier'?");
        assertThat(e.problems().get(2).line()).isEqualTo(7);
        assertThat(e.problems().get(2).column()).isEqualTo(5);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/configs/" + name).toURI());
    }
}
