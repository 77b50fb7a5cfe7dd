package com.securescore.revocation;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches an OCSP answer or a CRL over HTTP within a hard time limit: the connect, the answer and the
 * whole body together never take longer than the limit, however slowly (or never) the server speaks.
 */
final class RevocationHttp {
    /** Larger answers are refused: a CRL of a public CA is a few MB at most. */
    static final long MAX_BYTES = 32L << 20;

    /** A fetch that did not give a usable body; the message says what happened in words. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final HttpClient client;

    RevocationHttp(Duration connectTimeout) {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    byte[] get(String url, Duration limit) throws Failure {
        return send(request(url, limit).GET().build(), limit);
    }

    byte[] post(String url, String contentType, byte[] body, Duration limit) throws Failure {
        return send(request(url, limit).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), limit);
    }

    private static HttpRequest.Builder request(String url, Duration limit) throws Failure {
        try {
            return HttpRequest.newBuilder(URI.create(url)).timeout(limit);
        } catch (IllegalArgumentException e) {
            throw new Failure("not an address that can be asked (" + e.getMessage() + ")");
        }
    }

    private byte[] send(HttpRequest request, Duration limit) throws Failure {
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> {
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return length > MAX_BYTES ? HttpResponse.BodySubscribers.replacing(null)
                    : HttpResponse.BodySubscribers.ofByteArray();
        });
        HttpResponse<byte[]> response;
        try {
            response = answer.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new Failure("did not answer within " + seconds(limit));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("was not asked to the end (interrupted)");
        } catch (ExecutionException e) {
            throw new Failure(why(e.getCause(), limit));
        }
        if (response.statusCode() != 200) {
            throw new Failure("answered HTTP " + response.statusCode());
        }
        if (response.body() == null) {
            throw new Failure("sent more than " + (MAX_BYTES >> 20) + " MB");
        }
        return response.body();
    }

    private static String why(Throwable e, Duration limit) {
        if (e instanceof HttpConnectTimeoutException) {
            return "did not accept a connection within " + seconds(limit);
        }
        if (e instanceof HttpTimeoutException) {
            return "did not answer within " + seconds(limit);
        }
        if (e instanceof ConnectException) {
            return "refused the connection";
        }
        if (e instanceof IOException) {
            return "could not be reached (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ")";
        }
        return "could not be asked (" + e + ")";
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
