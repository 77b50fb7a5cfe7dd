package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateRepairs;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Certificate step on a Java keystore: store password, which key entry, then the entry's own password. */
class KeystoreStepViewModelTest {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    Path dir;

    private final WizardState state = new WizardState();
    private CertificateStepViewModel model;
    private TestPki.Issued root;
    private TestPki.Issued inter;

    @BeforeEach
    void setUp() {
        state.domainProperty().set(DOMAIN);
        model = new CertificateStepViewModel(state, BackgroundRunner.DIRECT, new CertificateRepairs());
        root = TestPki.rootCa("Contoso Test Root");
        inter = TestPki.intermediate(root, "Contoso Issuing CA");
        state.trustPathProperty().set(TestPki.writePem(dir.resolve("root.pem"), root.certificate()));
    }

    private Path keystore(String type, String storePassword, String... aliasAndKeyPassword) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        for (int i = 0; i < aliasAndKeyPassword.length; i += 2) {
            String alias = aliasAndKeyPassword[i];
            TestPki.Issued leaf = TestPki.leaf(inter).dns(alias.equals("scoring") ? DOMAIN : alias + ".contoso.test")
                    .issue();
            ks.setKeyEntry(alias, leaf.privateKey(), aliasAndKeyPassword[i + 1].toCharArray(),
                    new Certificate[] {leaf.certificate(), inter.certificate()});
        }
        Path file = dir.resolve("server." + type.toLowerCase());
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, storePassword.toCharArray());
        }
        return file;
    }

    @Test
    void asksForTheStorePasswordThenWhichAliasThenTheKeyEntrysOwnPassword() throws Exception {
        Path jks = keystore("JKS", "store-pw", "old", "store-pw", "scoring", "key-pw");
        model.useFiles(List.of(jks));
        assertTrue(model.needsPasswordProperty().get());
        assertEquals(CertificateStepViewModel.STORE_PROMPT, model.passwordPromptProperty().get());
        assertFalse(model.needsAliasProperty().get());

        model.unlock("store-pw".toCharArray());
        assertTrue(model.reportProperty().get().has(FindingCode.KEYSTORE_ALIAS));
        assertTrue(model.needsAliasProperty().get());
        assertEquals(List.of("old", "scoring"), List.copyOf(model.aliasChoices()));
        assertFalse(model.needsPasswordProperty().get(), "the store password was right");

        model.chooseAlias("scoring");
        assertFalse(model.needsAliasProperty().get());
        assertTrue(model.needsPasswordProperty().get());
        assertTrue(model.passwordPromptProperty().get().contains("\"scoring\" has a password of its own"),
                model.passwordPromptProperty().get());

        model.unlock("wrong".toCharArray());
        assertTrue(model.reportProperty().get().has(FindingCode.KEY_PASSWORD_WRONG));
        assertTrue(model.passwordPromptProperty().get().contains("\"scoring\""), "still asking for the key's");

        model.unlock("key-pw".toCharArray());
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        assertFalse(model.needsPasswordProperty().get());
        assertEquals(List.of(DOMAIN), model.reportProperty().get().leaf().getSubjectAlternativeNames().stream()
                .map(n -> n.get(1).toString()).toList());
    }

    @Test
    void aJceksWithOneKeyAndOnePasswordNeedsNoChoice() throws Exception {
        Path jceks = keystore("JCEKS", "pw", "scoring", "pw");
        model.useFiles(List.of(jceks));
        model.unlock("pw".toCharArray());
        assertTrue(model.canAdvance().get(), model.reportProperty().get().findings().toString());
        assertFalse(model.needsAliasProperty().get());
    }

    @Test
    void newFilesForgetTheAliasChosenForTheOldOnes() throws Exception {
        Path jks = keystore("JKS", "pw", "old", "pw", "scoring", "pw");
        model.useFiles(List.of(jks));
        model.unlock("pw".toCharArray());
        model.chooseAlias("old");
        assertFalse(model.needsAliasProperty().get());
        model.useFiles(List.of(jks));
        assertTrue(model.needsAliasProperty().get(), "the choice is asked again for a newly given file");
    }
}
