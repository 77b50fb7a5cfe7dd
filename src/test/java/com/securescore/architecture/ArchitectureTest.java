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
 * wizard are thin layers that never depend on each other.
 */
class ArchitectureTest {
    private static final String ROOT = "com.securescore";
    private static final String[] CORE = {
        ROOT + ".cert..", ROOT + ".deploy..", ROOT + ".dns..", ROOT + ".scoring..", ROOT + ".service..",
        ROOT + ".diagnose..", ROOT + ".domain..", ROOT + ".findings..", ROOT + ".model..", ROOT + ".resume..",
        ROOT + ".task..", ROOT + ".image..", ROOT + ".revocation.."};

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
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli..", ROOT + ".ui..")
                .check(classes);
    }

    @Test
    void coreNeverPrints() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }
}
