package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateRepairs;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.RevocationAuthority;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Certificate step's revocation check without the FX thread, against a real CA on loopback (its CRL
 * over HTTP, {@code openssl ocsp} as its responder): nothing is asked until the user presses, a revoked
 * certificate blocks Next, and other files drop the answer.
 */
class RevocationViewModelTest {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    Path dir;

    private final WizardState state = new WizardState();
    private CertificateStepViewModel model;
    private RevocationAuthority ca;

    @BeforeEach
    void setUp() throws Exception {
        ca = RevocationAuthority.start(dir);
        state.domainProperty().set(DOMAIN);
        state.trustPathProperty().set(TestPki.writePem(dir.resolve("root.pem"), ca.root().certificate()));
        model = new CertificateStepViewModel(state, BackgroundRunner.DIRECT, new CertificateRepairs());
    }

    @AfterEach
    void tearDown() {
        ca.close();
    }

    @Test
    void revokedCertificateIsAskedAboutOnlyWhenTheUserPressesAndThenBlocksNext() {
        TestPki.Issued leaf = ca.leaf(DOMAIN, false, true);
        ca.revoke(leaf, Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                CRLReason.keyCompromise);
        use(leaf, "revoked");
        RevocationViewModel revocation = model.revocation();

        assertTrue(model.canAdvance().get(), "offline the certificate is ready: " + model.statusProperty().get());
        assertTrue(revocation.availableProperty().get(), "the certificate names a CRL: the check is offered");
        assertEquals(ca.crlUrl(), revocation.addressesProperty().get());
        assertEquals(0, ca.crlRequests(), "nothing was asked before the user pressed");

        revocation.check();

        assertEquals(1, ca.crlRequests());
        assertTrue(revocation.revoked().get());
        Finding revoked = revocation.findings().get(0);
        assertEquals(FindingCode.REVOKED, revoked.code());
        assertTrue(revoked.message().contains("the CRL " + ca.crlUrl()), revoked.message());
        assertFalse(model.canAdvance().get(), "a revoked certificate blocks Next");
        assertNull(state.certificateProperty().get(), "and does not go on to the deployment");
        assertEquals("Not ready to deploy for " + DOMAIN + ".", model.statusProperty().get());
        assertFalse(model.busyProperty().get());

        TestPki.Issued renewed = ca.leaf(DOMAIN, false, true);
        use(renewed, "renewed");

        assertNull(revocation.answerProperty().get(), "new files: the answer was about the old certificate");
        assertEquals(List.of(), revocation.findings());
        assertTrue(model.canAdvance().get());
        assertNotNull(state.certificateProperty().get());
        assertEquals(1, ca.crlRequests(), "the new certificate is not asked about by itself");
    }

    @Test
    void goodAnswerFromTheResponderIsOnePlainLineAndNextStaysOpen() throws Exception {
        TestPki.Issued leaf = ca.leaf(DOMAIN, true, true);
        ca.startResponder();
        use(leaf, "good");

        assertEquals(ca.ocspUrl() + ", " + ca.crlUrl(), model.revocation().addressesProperty().get(),
                "the responder first, as it is asked");
        model.revocation().check();

        assertEquals("Not revoked, says the OCSP responder " + ca.ocspUrl() + ".",
                model.revocation().goodLineProperty().get());
        assertEquals(List.of(), model.revocation().findings());
        assertTrue(model.canAdvance().get());
        assertTrue(model.statusProperty().get().startsWith("Ready"), model.statusProperty().get());
        assertEquals(0, ca.crlRequests(), "the CRL is not fetched once the responder answered");
    }

    @Test
    void certificateNamingNoResponderAndNoCrlOffersNoCheck() {
        use(TestPki.leaf(ca.issuing()).dns(DOMAIN).issue(), "private");

        assertTrue(model.canAdvance().get());
        assertFalse(model.revocation().availableProperty().get());
    }

    @Test
    void checkIsOfferedOnlyOnceTheKeyWasReadToo() {
        TestPki.Issued leaf = ca.leaf(DOMAIN, false, true);
        model.useFiles(List.of(TestPki.writePem(dir.resolve("chain-only.pem"), leaf.certificate(),
                ca.issuing().certificate())));

        assertTrue(model.reportProperty().get().has(FindingCode.KEY_MISSING));
        assertFalse(model.revocation().availableProperty().get());
    }

    @Test
    void repairDropsTheEarlierAnswer() {
        TestPki.Issued leaf = ca.leaf(DOMAIN, false, true);
        ca.revoke(leaf, Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS),
                CRLReason.superseded);
        // The root sent too: "Drop the root" is on offer.
        model.useFiles(List.of(TestPki.writePem(dir.resolve("with-root.pem"), leaf.certificate(),
                ca.issuing().certificate(), ca.root().certificate()),
                TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey())));
        model.revocation().check();
        assertTrue(model.revocation().revoked().get());

        model.dropRoot();

        assertNull(model.revocation().answerProperty().get());
        assertTrue(model.revocation().availableProperty().get(), "offered again for the repaired chain");
    }

    private void use(TestPki.Issued leaf, String name) {
        Path chain = TestPki.writePem(dir.resolve(name + "-chain.pem"), leaf.certificate(), ca.issuing().certificate());
        Path key = TestPki.writePem(dir.resolve(name + "-key.pem"), leaf.privateKey());
        model.useFiles(List.of(chain, key));
    }
}
