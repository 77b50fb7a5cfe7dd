package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.securescore.findings.FindingCode;
import java.util.Base64;
import java.util.List;

/**
 * The importer must answer any bytes with findings, never an exception or a hang. In `mvn verify`
 * these replay their corpus (src/test/resources/.../MaterialReaderFuzzTestInputs); with
 * JAZZER_FUZZ=1 they fuzz for real (docs/fuzzing.md).
 */
class MaterialReaderFuzzTest {
    private final MaterialReader reader = new MaterialReader();

    @FuzzTest(maxDuration = "10m")
    void anyBytesGiveFindingsNotExceptions(byte[] data) {
        Material m = reader.read(Source.bytes("fuzz.bin", data), "s3cret".toCharArray());
        assertConsistent(m);
    }

    /** Bytes wrapped in PEM armour with a chosen label, to reach the block decoders quickly. */
    @FuzzTest(maxDuration = "10m")
    void anyPemBlockGivesFindingsNotExceptions(FuzzedDataProvider data) {
        String label = data.pickValue(List.of("CERTIFICATE", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
                "RSA PRIVATE KEY", "EC PRIVATE KEY", "PKCS7", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"));
        boolean legacyHeaders = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        String pem = "-----BEGIN " + label + "-----\n"
                + (legacyHeaders ? "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n" : "")
                + Base64.getMimeEncoder().encodeToString(body) + "\n-----END " + label + "-----\n";
        Material m = reader.read(Source.text("fuzz.pem", pem), "s3cret".toCharArray());
        assertConsistent(m);
    }

    private static void assertConsistent(Material m) {
        assertNotNull(m.findings());
        boolean readSomething = !m.certificates().isEmpty() || !m.keys().isEmpty() || m.isKeyLocked();
        boolean explained = m.findings().stream().anyMatch(f -> f.code() == FindingCode.PEM_UNREADABLE
                || f.code() == FindingCode.KEY_ENCRYPTED || f.code() == FindingCode.KEY_PASSWORD_WRONG);
        assertTrue(readSomething || explained, "input neither read nor explained: " + m.findings());
    }
}
