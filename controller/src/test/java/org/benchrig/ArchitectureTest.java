package org.benchrig;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of docs/architecture.md ("Dependencies"), checked on the compiled main
 * classes: which of our packages each package may use, no cycles, and which package alone may touch
 * each hardware or infrastructure library.
 */
class ArchitectureTest {
    private static final String ROOT = "org.benchrig";

    /**
     * Package -> the packages of ours it may use. The same table is in docs/architecture.md; a
     * package missing here is a failure (every package must say where it stands).
     */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        // foundations: values and interfaces, nothing of ours below them
        MAY_USE.put("time", Set.of());
        MAY_USE.put("result", Set.of());
        MAY_USE.put("control", Set.of());
        MAY_USE.put("config", Set.of());
        // pure maths over values
        MAY_USE.put("stats", Set.of("config", "result"));
        // devices
        MAY_USE.put("board", Set.of("config", "control", "result", "time"));
        MAY_USE.put("instrument", Set.of("config", "control", "result"));
        MAY_USE.put("flash", Set.of("board", "config", "result", "time"));
        MAY_USE.put("host", Set.of("config", "result", "stats", "time"));
        // the store, and analyses that read it
        MAY_USE.put("store", Set.of("result"));
        MAY_USE.put("history", Set.of("config", "result", "stats", "store"));
        // orchestration: the one API the outputs reach devices through
        MAY_USE.put("bench", Set.of("board", "config", "control", "flash", "host", "instrument", "result", "stats",
                "store", "time"));
        MAY_USE.put("compat", Set.of("bench", "board", "config", "host", "time"));
        MAY_USE.put("profile", Set.of("bench", "config", "host", "result", "store", "time"));
        MAY_USE.put("schedule", Set.of("bench", "config", "history", "store"));
        // outputs: read the results model; reach boards through bench (web and mqtt: see BOARD_TYPES_SEEN_BY)
        MAY_USE.put("report", Set.of("bench", "config", "profile", "result", "stats", "store"));
        MAY_USE.put("mqtt", Set.of("bench", "board", "config", "history", "result", "stats", "store"));
        MAY_USE.put("web", Set.of("bench", "board", "config", "flash", "history", "profile", "report", "result", "stats", "store", "time"));
        // what every command shares (the environment, --config, tables, exit codes)
        MAY_USE.put("command", Set.of("bench", "config", "store"));
        // the controller measuring itself (its commands in selfbench.command), and the commands on top of everything
        MAY_USE.put("selfbench", Set.of("bench", "board", "command", "config", "host", "mqtt", "profile", "result",
                "stats", "store", "time", "web"));
        MAY_USE.put("cli", Set.of("bench", "board", "command", "compat", "config", "flash", "history", "mqtt", "profile",
                "report", "result", "schedule", "selfbench", "stats", "store", "time", "web"));
    }

    /**
     * The board and flash types the views may name: a board's state and the flash endpoint's
     * results, handed out by {@code bench.Rig}/{@code RunService}. Nothing else of a device: no
     * view opens a link, runs a REPL or starts an emulator.
     */
    static final Map<String, List<String>> BOARD_TYPES_SEEN_BY = Map.of(
            "mqtt", List.of("board.Board", "board.BoardState"),
            "web", List.of("board.Board", "board.BoardBusy", "board.BoardState", "flash.FirmwareImage",
                    "flash.FlashFailed", "flash.FlashReport", "flash.FlashVerifier", "flash.InvalidImage"));

    /** Library package -> the only packages of ours that may use it. */
    static final Map<String, Set<String>> LIBRARY_USERS = Map.of(
            "com.pi4j", Set.of("instrument", "flash"),
            "com.fazecast.jSerialComm", Set.of("board"),
            "io.javalin", Set.of("web"),
            "org.eclipse.paho", Set.of("mqtt", "selfbench"),
            "com.hivemq", Set.of("mqtt"),
            "org.flywaydb", Set.of("store"),
            "org.sqlite", Set.of("store"),
            "picocli", Set.of("cli", "command", "selfbench.command"));

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() throws Exception {
        // the main classes' own directory: scanning the class path for the package would read every jar
        Path classes = Path.of(org.benchrig.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(classes);
    }

    @Test
    void everyPackageHasAPlaceInTheTable() throws Exception {
        Path sources = Path.of(System.getProperty("benchrig.repo", "..")).resolve("controller/src/main/java/org/benchrig");
        Set<String> packages;
        try (Stream<Path> s = Files.list(sources)) {
            packages = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(main.size()).as("main classes imported").isGreaterThan(100);
        assertThat(MAY_USE.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void packagesUseOnlyWhatTheTableAllows() {
        List<String> broken = new ArrayList<>();
        for (var e : MAY_USE.entrySet()) {
            String[] forbidden = MAY_USE.keySet().stream()
                    .filter(p -> !p.equals(e.getKey()) && !e.getValue().contains(p))
                    .map(p -> ROOT + "." + p + "..").toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("docs/architecture.md: " + e.getKey() + " may use only " + new TreeSet<>(e.getValue()));
            check(rule, broken);
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void viewsNameOnlyTheBoardTypesTheRigHandsOut() throws Exception {
        List<String> broken = new ArrayList<>();
        for (var e : BOARD_TYPES_SEEN_BY.entrySet()) {
            List<Class<?>> allowed = new ArrayList<>();
            for (String name : e.getValue()) {
                allowed.add(Class.forName(ROOT + "." + name));
            }
            check(noClasses().that().resideInAPackage(ROOT + "." + e.getKey() + "..")
                    .should().dependOnClassesThat(resideInAnyPackage(ROOT + ".board..", ROOT + ".flash..")
                            .and(not(belongToAnyOf(allowed.toArray(Class<?>[]::new)))))
                    .because("docs/architecture.md: " + e.getKey() + " reaches boards through bench"), broken);
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theProductionCommandsNameTheSelfbenchOnlyToRegisterIt() {
        List<String> broken = new ArrayList<>();
        check(noClasses().that().resideInAPackage(ROOT + ".cli..").and().doNotHaveFullyQualifiedName(ROOT + ".cli.BenchrigCommand")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".selfbench..")
                .because("docs/architecture.md: selfbench is not on the production path"), broken);
        check(noClasses().that().haveFullyQualifiedName(ROOT + ".cli.BenchrigCommand")
                .should().dependOnClassesThat(resideInAnyPackage(ROOT + ".selfbench..")
                        .and(not(belongToAnyOf(org.benchrig.selfbench.command.SelfbenchCommand.class))))
                .because("the top-level command registers the selfbench command and nothing else of it"), broken);
        assertThat(broken).isEmpty();
    }

    @Test
    void noCyclesBetweenPackages() {
        List<String> broken = new ArrayList<>();
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles(), broken);
        assertThat(broken).isEmpty();
    }

    @Test
    void eachLibraryIsUsedByItsOwnPackageOnly() {
        List<String> broken = new ArrayList<>();
        for (var e : LIBRARY_USERS.entrySet()) {
            String[] users = e.getValue().stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
            check(noClasses().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackages(users)
                    .should().dependOnClassesThat().resideInAPackage(e.getKey() + "..")
                    .because(e.getKey() + " belongs to " + e.getValue()), broken);
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theDeviceControlInterfacesImportNothingOfOurs() {
        List<String> broken = new ArrayList<>();
        check(classes().that().resideInAPackage(ROOT + ".control..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".control..", "java.."), broken);
        assertThat(broken).isEmpty();
    }

    private static void check(ArchRule rule, List<String> broken) {
        var result = rule.allowEmptyShould(true).evaluate(main);
        if (result.hasViolation()) {
            broken.add(result.getFailureReport().toString());
        }
    }
}
