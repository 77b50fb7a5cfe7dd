package com.securescore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.securescore.acme.RenewalSettings;
import com.securescore.diagnose.EndpointDiagnosis;
import com.securescore.scoring.KeyFiles;
import com.securescore.scoring.ScoringClient;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries from docs/conventions.md: the core has no JavaFX and never prints; the CLI and the
 * wizard are thin layers that never depend on each other. The core is every package under the root
 * but {@code cli} and {@code ui}, so a new package is held to the rules without editing this test;
 * the root package itself holds only the launcher, which starts the CLI or the wizard. A use case both
 * faces have is written once in the core (decision 0017): the rules at the end keep a face from writing
 * its own copy again.
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

    @Test
    void imagesAreScoredOnlyThroughTheCoresLoop() {
        noClasses().that().resideInAnyPackage(FACES)
                .should().callMethod(ScoringClient.class, "score", List.class, Duration.class, int.class)
                .orShould().callMethod(ScoringClient.class, "scoreAsync", List.class, Duration.class, int.class)
                .because("ImageScoring reads the files and explains each failure the same for score and the console")
                .check(classes);
    }

    @Test
    void facesReadAKeyFileOnlyWhereAMissingKeyIsSaid() {
        noClasses().that().resideInAnyPackage(FACES)
                .should().callMethod(KeyFiles.class, "read", Path.class, boolean.class)
                .because("KeyFiles.require says which key a keys file lacks; read returns \"\" silently")
                .check(classes);
    }

    @Test
    void theEndpointToDiagnoseIsReadOnlyByTheCore() {
        noClasses().that().resideInAnyPackage(FACES)
                .should().callConstructor(EndpointDiagnosis.Request.class, String.class, int.class, String.class,
                        Optional.class, List.class, Optional.class, List.class)
                .because("DiagnoseTarget reads HOST[:PORT], the address, trust and key file the same for both faces")
                .check(classes);
    }

    @Test
    void onlyTheKubernetesDeploymentWritesRenewalRecords() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".deploy.kubernetes..", ROOT + ".acme..")
                .should().callMethod(RenewalSettings.class, "recordDeployment", List.class,
                        RenewalSettings.KubernetesTarget.class)
                .because("KubernetesDeployment.recordForRenewal records and words it the same for CLI and wizard")
                .check(classes);
    }
}
