package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateRepairs;
import com.securescore.cert.CertificateService;
import com.securescore.cert.Source;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Certificate step's logic without the FX thread: work runs directly on the test thread. */
class CertificateStepViewModelTest {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    Path dir;

    private final WizardState state = new WizardState();
    private CertificateStepViewModel model;
    private TestPki.Issued root;
    private TestPki.Issued inter;
    private TestPki.Issued leaf;

    @BeforeEach
    void setUp() {
        state.domainProperty().set(DOMAIN);
        model = new CertificateStepViewModel(state, BackgroundRunner.DIRECT, new CertificateRepairs());
        root = TestPki.rootCa("Contoso Test Root");
        inter = TestPki.intermediate(root, "Contoso Issuing CA");
        leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        state.trustPathProperty().set(TestPki.writePem(dir.resolve("root.pem"), root.certificate()));
    }

    @Test
    void goodFilesEnableNextAndReachTheWizardState() {
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate(), inter.certificate());
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        model.useFiles(List.of(chain, key));
        assertTrue(model.canAdvance().get(), model.statusProperty().get());
        assertNotNull(state.certificateProperty().get());
        assertEquals(chain, state.certificatePathProperty().get());
        assertEquals("chain.pem, key.pem; trusted root: root.pem", model.sourcesTextProperty().get());
        assertTrue(model.statusProperty().get().startsWith("Ready"));
    }

    @Test
    void wrongOrderWithRootIsRepairedInTwoClicks() {
        Path messy = TestPki.writePem(dir.resolve("messy.pem"), root.certificate(), inter.certificate(),
                leaf.certificate(), leaf.privateKey());
        model.useFiles(List.of(messy));
        assertTrue(model.reportProperty().get().has(FindingCode.CHAIN_ORDER));
        assertEquals(List.of(CertificateStepViewModel.Repair.PUT_IN_ORDER, CertificateStepViewModel.Repair.DROP_ROOT),
                model.availableRepairs());
        model.putInOrder();
        assertFalse(model.reportProperty().get().has(FindingCode.CHAIN_ORDER));
        model.dropRoot();
        assertTrue(model.reportProperty().get().findings().isEmpty(), model.reportProperty().get().findings().toString());
    }

    @Test
    void encryptedKeyAsksForThePasswordAndUnlocks() throws Exception {
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate(), inter.certificate());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", leaf.privateKey(), "pw".toCharArray(), new Certificate[] {
            leaf.certificate(), inter.certificate()});
        Path pfx = dir.resolve("bundle.pfx");
        try (var o = Files.newOutputStream(pfx)) {
            ks.store(o, "pw".toCharArray());
        }
        model.useFiles(List.of(pfx));
        assertTrue(model.needsPasswordProperty().get());
        assertFalse(model.canAdvance().get());
        model.unlock("wrong".toCharArray());
        assertTrue(model.reportProperty().get().has(FindingCode.KEY_PASSWORD_WRONG));
        model.unlock("pw".toCharArray());
        assertFalse(model.needsPasswordProperty().get());
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        assertTrue(Files.exists(chain));
    }

    @Test
    void missingIntermediateCanBeAddedFromAFile() {
        Path leafOnly = TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate(), leaf.privateKey());
        model.useFiles(List.of(leafOnly));
        assertTrue(model.reportProperty().get().has(FindingCode.CHAIN_INCOMPLETE));
        assertTrue(model.availableRepairs().contains(CertificateStepViewModel.Repair.ADD_ISSUER_FILE));
        model.addIssuerFile(TestPki.writePem(dir.resolve("inter.pem"), inter.certificate()));
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
    }

    @Test
    void aRenewalOfTheFilesIsReadWithTheIssuerAddedAndTheRootTrustedHere() throws Exception {
        Path leafOnly = TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate(), leaf.privateKey());
        model.useFiles(List.of(leafOnly));
        model.addIssuerFile(TestPki.writePem(dir.resolve("inter.pem"), inter.certificate()));
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        var files = state.certificateFilesProperty().get();
        assertEquals(List.of(leafOnly, dir.resolve("inter.pem"), dir.resolve("root.pem")), files.files());

        // The CA renews into the same file: read as the step read it, the new certificate checks clean.
        TestPki.Issued renewed = TestPki.leaf(inter).dns(DOMAIN).issue();
        TestPki.writePem(leafOnly, renewed.certificate(), renewed.privateKey());
        var again = files.check(DOMAIN);
        assertTrue(again.ok(), again.findings().toString());
        assertEquals(renewed.certificate(), again.leaf());

        model.usePastedText(TestPki.pem(leaf.certificate(), inter.certificate(), leaf.privateKey()));
        assertTrue(model.canAdvance().get());
        assertNull(state.certificateFilesProperty().get(), "pasted text has no files to watch");
    }

    @Test
    void aPastedPrivateRootIsTrustedAsItIsAndSavedAsAFileOfItsOwn() throws Exception {
        state.trustPathProperty().set(null);
        model.usePastedText(TestPki.pem(leaf.certificate(), inter.certificate(), root.certificate(),
                leaf.privateKey()));
        assertTrue(model.reportProperty().get().has(FindingCode.UNTRUSTED_ROOT));
        assertEquals(root.certificate(), model.untrustedRoot());
        assertTrue(model.availableRepairs().contains(CertificateStepViewModel.Repair.TRUST_ROOT));
        model.trustRoot();
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        Path trusted = state.trustPathProperty().get();
        assertEquals("contoso-test-root.pem", trusted.getFileName().toString());
        assertEquals(List.of(root.certificate()), new CertificateService()
                .read(List.of(Source.file(trusted)), null, null).certificates(),
                "clients get a file that holds just the root");
        assertTrue(model.lastChangeProperty().get().startsWith("Trusting \"Contoso Test Root\" as your private root"),
                model.lastChangeProperty().get());
    }

    @Test
    void aRootInsideTheChainFileIsWrittenBesideItAndARootFileOfItsOwnIsUsedAsItIs() throws Exception {
        state.trustPathProperty().set(null);
        Path chain = TestPki.writePem(dir.resolve("bundle").resolve("chain.pem"), leaf.certificate(),
                root.certificate(), inter.certificate());
        Path key = TestPki.writePem(dir.resolve("bundle").resolve("server.key"), leaf.privateKey());
        model.useFiles(List.of(chain, key));
        model.trustRoot();
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        assertEquals(dir.resolve("bundle").resolve("contoso-test-root.pem"), state.trustPathProperty().get());
        assertTrue(model.lastChangeProperty().get().contains("saved as contoso-test-root.pem in " + dir.resolve("bundle")),
                model.lastChangeProperty().get());

        // The root added as an issuer from its own file: that file is trusted, nothing is written.
        Path leafAndInter = TestPki.writePem(dir.resolve("mine").resolve("chain.pem"), leaf.certificate(),
                inter.certificate(), leaf.privateKey());
        model.useFiles(List.of(leafAndInter));
        state.trustPathProperty().set(null);
        Path rootFile = TestPki.writePem(dir.resolve("mine").resolve("lab-root.crt"), root.certificate());
        model.addIssuerFile(rootFile);
        assertEquals(List.of(CertificateStepViewModel.Repair.DROP_ROOT, CertificateStepViewModel.Repair.TRUST_ROOT),
                model.availableRepairs());
        model.trustRoot();
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        assertEquals(rootFile, state.trustPathProperty().get());
        try (var listed = Files.list(dir.resolve("mine"))) {
            assertEquals(2, listed.count(), "no copy of the root was written");
        }
    }

    @Test
    void aKeyChosenAfterAKeyGivenWithTheCertificatesReplacesIt() {
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate(), inter.certificate());
        Path wrong = TestPki.writePem(dir.resolve("old.key"), TestPki.ecKey().getPrivate());
        model.useFiles(List.of(chain, wrong));
        assertTrue(model.reportProperty().get().has(FindingCode.KEY_MISMATCH));
        model.useKeyFile(TestPki.writePem(dir.resolve("server.key"), leaf.privateKey()));
        assertEquals("chain.pem, server.key; trusted root: root.pem", model.sourcesTextProperty().get());
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
    }

    @Test
    void aRepairAndAnAddedIssuerOutliveThePasswordTypedAfterThem() throws Exception {
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), inter.certificate(), leaf.certificate());
        Path key = dir.resolve("enc.key");
        Files.writeString(key, TestPki.pem(new JcaPKCS8Generator(leaf.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(
                        PKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider())
                        .setPassword("s3cret".toCharArray()).build())));
        model.useFiles(List.of(chain, key));
        assertTrue(model.reportProperty().get().has(FindingCode.KEY_ENCRYPTED));
        assertTrue(model.reportProperty().get().has(FindingCode.CHAIN_ORDER));
        model.putInOrder();
        assertFalse(model.reportProperty().get().has(FindingCode.CHAIN_ORDER));
        model.unlock("s3cret".toCharArray());
        assertFalse(model.reportProperty().get().has(FindingCode.CHAIN_ORDER), "the order stays repaired");
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
    }

    @Test
    void pastedTextIsCheckedWithoutAnyFile() {
        model.usePastedText(TestPki.pem(leaf.certificate(), inter.certificate(), leaf.privateKey()));
        assertTrue(model.canAdvance().get());
        assertNull(state.certificatePathProperty().get());
        assertEquals("pasted text; trusted root: root.pem", model.sourcesTextProperty().get());
    }

    @Test
    void exportNeverOverwritesWithoutConsent() throws Exception {
        model.usePastedText(TestPki.pem(leaf.certificate(), inter.certificate(), leaf.privateKey()));
        Path out = dir.resolve("out");
        assertTrue(model.export(out, false).message().startsWith("Saved"));
        Files.writeString(out.resolve("privkey.pem"), "mine");
        assertTrue(model.export(out, false).message().startsWith("Not saved"));
        assertEquals("mine", Files.readString(out.resolve("privkey.pem")));
        assertTrue(model.export(out, true).message().startsWith("Saved"));
        String both = model.export(dir.resolve("k8s"), false, "pfx-pw".toCharArray(), "scoring-tls").message();
        assertTrue(both.contains("bundle.pfx") && both.contains("tls-secret.yaml"), both);
        assertTrue(model.export(dir.resolve("bad"), false, null, "Bad_Name").message()
                .contains("not a valid Kubernetes"));
        assertFalse(Files.exists(dir.resolve("bad").resolve("privkey.pem")));
    }

    @Test
    void developmentCertificateIsMadeTrustedAndChecked() {
        model.makeDevelopmentCertificate(dir.resolve("dev"));
        assertTrue(model.canAdvance().get(), model.statusProperty().get());
        assertEquals(dir.resolve("dev").resolve("ca.pem"), state.trustPathProperty().get());
    }

    @Test
    void changedDomainIsRecheckedOnEnter() {
        model.usePastedText(TestPki.pem(leaf.certificate(), inter.certificate(), leaf.privateKey()));
        state.domainProperty().set("other.contoso.test");
        model.onEnter();
        assertTrue(model.reportProperty().get().has(FindingCode.HOSTNAME_MISMATCH));
        assertFalse(model.canAdvance().get());
    }

    @Test
    void crossSignedRootPastTheTrustedRootIsAWarningThatOneRepairDrops() {
        TestPki.Issued oldRoot = TestPki.rootCa("Old Root");
        TestPki.Issued cross = TestPki.crossSign(root, oldRoot).issue();
        Path bundle = TestPki.writePem(dir.resolve("long.pem"), leaf.certificate(), inter.certificate(),
                cross.certificate(), leaf.privateKey());
        model.useFiles(List.of(bundle));
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        assertFalse(model.reportProperty().get().has(FindingCode.CHAIN_INCOMPLETE));
        assertTrue(model.reportProperty().get().has(FindingCode.CHAIN_PAST_ANCHOR));
        assertEquals(List.of(CertificateStepViewModel.Repair.DROP_PAST_ANCHOR), model.availableRepairs());
        model.dropPastAnchor();
        assertTrue(model.reportProperty().get().findings().isEmpty(), model.reportProperty().get().findings().toString());
        assertEquals(List.of(leaf.certificate(), inter.certificate()), model.reportProperty().get().path());
    }

    /** The step a restart makes: a new state restored from what this one saved, and a new step on it. */
    private CertificateStepViewModel afterRestart() {
        WizardState again = new WizardState();
        again.restore(state.toProgress(StepId.TARGET));
        CertificateStepViewModel resumed = new CertificateStepViewModel(again, BackgroundRunner.DIRECT,
                new CertificateRepairs());
        resumed.onEnter();
        return resumed;
    }

    @Test
    void aKeyChosenAloneAndAnAddedIssuerComeBackInTheirRolesAfterARestart() {
        Path leafFile = TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate());
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        Path issuer = TestPki.writePem(dir.resolve("issuer.pem"), inter.certificate());
        model.useFiles(List.of(leafFile));
        model.useKeyFile(key);
        model.addIssuerFile(issuer);
        assertTrue(model.canAdvance().get(), model.statusProperty().get());

        CertificateStepViewModel resumed = afterRestart();
        assertTrue(resumed.canAdvance().get(), resumed.statusProperty().get());
        assertEquals("leaf.pem, key.pem + issuer.pem (added); trusted root: root.pem",
                resumed.sourcesTextProperty().get());
        assertNull(resumed.savedFilesProblem());
    }

    @Test
    void aFileChangedSinceIsReadAsItIsNowAndSaidSo() {
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate());
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        model.useFiles(List.of(chain, key));
        assertTrue(model.reportProperty().get().has(FindingCode.CHAIN_INCOMPLETE));
        TestPki.writePem(chain, leaf.certificate(), inter.certificate());

        CertificateStepViewModel resumed = afterRestart();
        assertEquals("chain.pem has changed since you left off: the check reads it as it is now.",
                resumed.savedFilesProblem());
        assertTrue(resumed.canAdvance().get(), resumed.statusProperty().get());
    }

    @Test
    void aKeyFileDeletedSinceIsNamedAndNothingIsChecked() throws Exception {
        Path chain = TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate(), inter.certificate());
        Path key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        model.useFiles(List.of(chain, key));
        assertTrue(model.canAdvance().get(), model.statusProperty().get());
        Files.delete(key);

        CertificateStepViewModel resumed = afterRestart();
        String said = resumed.statusProperty().get();
        assertTrue(said.startsWith("The file key.pem (" + key + ") you were using is no longer there"), said);
        assertEquals(said, resumed.savedFilesProblem());
        assertNull(resumed.reportProperty().get());
        assertFalse(resumed.canAdvance().get());
    }
}
