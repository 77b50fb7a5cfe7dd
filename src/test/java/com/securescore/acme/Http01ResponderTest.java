package com.securescore.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The HTTP-01 responder answers the CA on IPv4 and IPv6 alike (a CA tries IPv6 first), and only for its tokens. */
class Http01ResponderTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String host, int port, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
                + "/.well-known/acme-challenge/" + token)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersItsTokenOnIpv4AndIpv6AndNothingElse() throws Exception {
        try (Http01Responder responder = Http01Responder.start(0)) {
            responder.put("tok3n", "tok3n.thumbprint");
            HttpResponse<String> v4 = get("127.0.0.1", responder.port(), "tok3n");
            assertEquals(200, v4.statusCode());
            assertEquals("tok3n.thumbprint", v4.body());
            HttpResponse<String> v6 = get("[::1]", responder.port(), "tok3n");
            assertEquals("tok3n.thumbprint", v6.body());
            assertEquals(404, get("127.0.0.1", responder.port(), "other").statusCode());
            responder.remove("tok3n");
            assertEquals(404, get("127.0.0.1", responder.port(), "tok3n").statusCode());
        }
    }
}
