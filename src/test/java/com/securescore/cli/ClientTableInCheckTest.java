package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.testsupport.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on files shows which clients accept the chain, in text and in JSON. */
class ClientTableInCheckTest extends CliRunner {
    @TempDir
    Path dir;

    @Test
    void cnOnlyCertificateIsRefusedByGoAndBrowsersOnly() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Table Root");
        TestPki.Issued leaf = TestPki.leaf(root).subject("CN=scoring.contoso.test").issue();
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), leaf.privateKey());
        Path trust = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        // The default clients (Java, gRPC's C core) accept it: a warning, exit 0.
        assertEquals(0, run("check", "--domain", "scoring.contoso.test", "--cert", cert.toString(), "--trust",
                trust.toString()));
        String text = out.toString();
        assertTrue(text.contains("WARNING NO_SAN"), text);
        assertTrue(text.contains("Which clients accept it"), text);
        assertTrue(text.contains("REFUSES Go crypto/x509: x509: certificate relies on legacy Common Name field"), text);
        assertTrue(text.contains("accepts Java (JDK PKIX"), text);

        out.getBuffer().setLength(0);
        run("check", "--domain", "scoring.contoso.test", "--cert", cert.toString(), "--trust", trust.toString(),
                "--json");
        JsonNode clients = Json.MAPPER.readTree(out.toString()).get("clients");
        assertEquals(7, clients.size());
        for (JsonNode c : clients) {
            boolean refuses = c.get("client").asText().equals("GO") || c.get("client").asText().equals("BROWSERS");
            assertEquals(!refuses, c.get("accepts").asBoolean(), c.toString());
        }
        assertFalse(out.toString().contains("PRIVATE KEY"));

        // With Go among the service's clients it is an error, naming Go.
        out.getBuffer().setLength(0);
        assertEquals(1, run("check", "--domain", "scoring.contoso.test", "--cert", cert.toString(), "--trust",
                trust.toString(), "--clients", "java,go"));
        assertTrue(out.toString().contains("ERROR NO_SAN") && out.toString().contains("clients include Go."),
                out.toString());
    }

    @Test
    void unknownClientNameIsAUsageProblemThatListsTheNames() {
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("check",
                "--domain", "scoring.contoso.test", "--cert", dir.resolve("none.pem").toString(), "--clients", "rust");
        assertEquals(2, code);
        assertTrue(err.toString().contains("unknown client \"rust\". Use any of: java, grpc-core"), err.toString());
    }
}
