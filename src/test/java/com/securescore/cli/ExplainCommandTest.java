package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code securescore explain}: text as arguments or on stdin, exit 0 when recognised and 1 when not. */
class ExplainCommandTest extends CliRunner {
    private final InputStream realStdin = ExplainCommand.stdin;

    @AfterEach
    void restoreStdin() {
        ExplainCommand.stdin = realStdin;
    }

    @Test
    void explainsTextGivenAsArguments() {
        assertEquals(0, run("explain", "x509: certificate relies on legacy Common Name field, use SANs instead"));
        assertTrue(out.toString().startsWith("NO_SAN (Go): "), out.toString());
        assertTrue(out.toString().contains("fix: Reissue"), out.toString());
    }

    @Test
    void explainsAPastedLogOnStdinAsJson() throws Exception {
        ExplainCommand.stdin = new ByteArrayInputStream(("Traceback (most recent call last):\n"
                + "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n"
                + "\tstatus = StatusCode.UNAVAILABLE\n\tdetails = \"failed to connect to all addresses; last error: "
                + "UNKNOWN: ipv4:10.0.0.4:443: Peer name scoring.contoso.com is not in peer certificate\"\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("explain", "--json"));
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertTrue(json.get("recognised").asBoolean());
        assertEquals("HOSTNAME_MISMATCH", json.get("explanations").get(0).get("code").asText());
        assertEquals(1, json.get("explanations").size(), out.toString());
    }

    @Test
    void unrecognisedTextExitsOneAndNoTextExitsTwo() {
        assertEquals(1, run("explain", "everything", "is", "fine"));
        assertTrue(out.toString().startsWith("Not recognised."), out.toString());
        ExplainCommand.stdin = new ByteArrayInputStream(new byte[0]);
        assertEquals(2, run("explain"));
    }
}
