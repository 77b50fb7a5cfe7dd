package com.securescore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries from CONVENTIONS.md: the core has no JavaFX and never prints; the CLI and the
 * wizard are thin layers that never depend on each other. The core is every package under the root
 * but {@code cli} and {@code ui}, so a new package is held to the rules without editing this test;
 * the root package itself holds only the launcher, which starts the CLI or the wizard.
 */
class ArchitectureTest {
    private static final String ROOT = "com.securescore";
    /** Every package below the root, with its subpackages (not the root package itself). */
    private static final String BELOW_ROOT = ROOT + ".*..";
    private static final String[] FACES = {ROOT + ".cli..", ROOT + ".ui.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage(ROOT + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");
        rule.check(classes);
    }

    @Test
    void cliAndUiNeverDependOnEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".ui..").check(classes);
        noClasses().that().resideInAPackage(ROOT + ".ui..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..").check(classes);
    }

    @Test
    void coreDependsOnNeitherCliNorUi() {
        noClasses().that().resideInAPackage(BELOW_ROOT).and().resideOutsideOfPackages(FACES)
                .should().dependOnClassesThat().resideInAnyPackage(FACES)
                .check(classes);
    }

    @Test
    void coreNeverPrints() {
        noClasses().that().resideInAPackage(BELOW_ROOT).and().resideOutsideOfPackages(FACES)
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }
}
