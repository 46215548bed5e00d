package org.adjoint4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout of ../DESIGN.md section 1, checked on the compiled classes of every module: no package
 * cycles, dependencies pointing one way, no capability found by {@code instanceof} on models, names
 * in the field's words, and library messages that never name a command-line option.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.adjoint4j");

    /** The library modules, in the order dependencies may point (a module uses only earlier ones). */
    private static final List<String> LAYERS = List.of("checkpointing", "autodiff", "model", "solvers", "adjoint",
            "validation", "modelfile", "estimation", "cli");

    @Test
    void noPackageCycles() {
        slices().matching("org.adjoint4j.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void dependenciesPointOneWay() {
        for (int i = 0; i < LAYERS.size(); i++) {
            for (int j = i + 1; j < LAYERS.size(); j++) {
                noClasses().that().resideInAPackage("org.adjoint4j." + LAYERS.get(i) + "..")
                        .should().dependOnClassesThat().resideInAPackage("org.adjoint4j." + LAYERS.get(j) + "..")
                        .because(LAYERS.get(i) + " comes before " + LAYERS.get(j)).check(CLASSES);
            }
        }
        noClasses().that().resideInAPackage("org.adjoint4j.checkpointing..").should().dependOnClassesThat()
                .resideInAnyPackage("org.hipparchus..", "org.ejml..").check(CLASSES);
    }

    @Test
    void namesInTheFieldsOwnWords() {
        noClasses().should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Test").check(CLASSES);
        classes().that().implement(org.adjoint4j.model.ParametricOde.class).and().haveSimpleNameEndingWith("Ode")
                .and().resideInAPackage("org.adjoint4j.model").and().areNotInterfaces()
                .should().beAssignableTo(org.adjoint4j.model.ForwardingOde.class)
                .orShould().haveSimpleName("ForwardModeOde").orShould().haveSimpleName("ReverseModeOde")
                .orShould().haveSimpleName("DenseJacobianOde").orShould().haveSimpleName("SparseJacobianOde")
                .because("a wrapper forwards every capability by extending ForwardingOde").check(CLASSES);
    }

    /**
     * A library message never names a command-line option: only the cli module knows them. The one
     * exception is the command line of the CVODES peer programs, which {@code CvodesPrograms} writes.
     */
    @Test
    void libraryMessagesNameNoOption() throws IOException {
        Pattern option = Pattern.compile("\"[^\"\\n]*(?<![\\w-])--[a-z][a-z-]*[^\"\\n]*\"");
        List<String> found = new ArrayList<>();
        for (String module : LAYERS.subList(0, LAYERS.size() - 1)) {
            Path root = Path.of("..", module, "src", "main", "java");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
                        && !p.endsWith(Path.of("validation", "peers", "CvodesPrograms.java")))::iterator) {
                    String[] lines = Files.readString(f).split("\n");
                    for (int k = 0; k < lines.length; k++) {
                        String line = lines[k].trim();
                        if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                            continue;
                        }
                        Matcher m = option.matcher(line);
                        if (m.find()) {
                            found.add(f + ":" + (k + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
