package com.securescore.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class TestPkiTest {
    @Test
    void leafIsSignedByItsIssuerAndCarriesItsNames() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns("scoring.contoso.test").issue();
        X509Certificate c = leaf.certificate();
        c.verify(root.certificate().getPublicKey());
        assertEquals(root.certificate().getSubjectX500Principal(), c.getIssuerX500Principal());
        assertTrue(c.getSubjectAlternativeNames().stream().anyMatch(l -> l.get(1).equals("scoring.contoso.test")));
        assertTrue(TestPki.pem(c).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(TestPki.pem(leaf.privateKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void crossSignedCopyHasTheSameSubjectAndKeyAndAnotherIssuer() throws Exception {
        TestPki.Issued modern = TestPki.rootCa("Modern Root");
        TestPki.Issued old = TestPki.rootCa("Old Root");
        X509Certificate cross = TestPki.crossSign(modern, old).issue().certificate();
        assertEquals(modern.certificate().getSubjectX500Principal(), cross.getSubjectX500Principal());
        assertEquals(modern.certificate().getPublicKey(), cross.getPublicKey());
        assertEquals(old.certificate().getSubjectX500Principal(), cross.getIssuerX500Principal());
        cross.verify(old.certificate().getPublicKey());
    }
}
