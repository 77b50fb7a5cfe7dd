package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.deploy.TargetKind;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Sends a plan's request with a bearer token and follows the long-running operation to its end:
 * {@code Azure-AsyncOperation} and {@code Operation-Location} (polled for their status or state)
 * or {@code Location} (polled until it stops answering 202), waiting {@code Retry-After} between
 * polls through {@link Cancellation#sleep} so Cancel is felt at once. 429 and 503 are retried a
 * bounded number of times. The token is sent only to the host the request went to.
 */
public final class AzureClient {
    private static final long MAX_WAIT_SECONDS = 300;
    private final HttpClient http;
    private final Duration poll;
    private final Duration maxWait;
    private final int maxRetries;

    /**
     * @param ssl        whom to trust (tests pass their own CA); {@link #system()} uses the system trust
     * @param poll       the wait between polls when Azure sends no Retry-After
     * @param maxWait    the longest an operation is followed
     * @param maxRetries how often a 429/503 is retried before giving up
     */
    public AzureClient(SSLContext ssl, Duration poll, Duration maxWait, int maxRetries) {
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.poll = poll;
        this.maxWait = maxWait;
        this.maxRetries = maxRetries;
    }

    /** The client for real use: system trust, 10 s polls, up to 45 minutes (AKS clusters take ~20), 5 retries. */
    public static AzureClient system() {
        try {
            return new AzureClient(SSLContext.getDefault(), Duration.ofSeconds(10), Duration.ofMinutes(45), 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No TLS in this Java runtime", e);
        }
    }

    public AzureResult submit(AzurePlan plan, String token, Progress progress, Cancellation cancel)
            throws AzureServiceException, IOException {
        AzureRequest request = plan.submitted();
        String origin = origin(request.uri());
        progress.stage("Sending the request to Azure", 0.05);
        progress.line(request.method() + " " + request.uri() + (request.holdsKey()
                ? " (the body holds the private key; not shown)" : ""));
        HttpRequest.Builder first = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(120))
                .header("Content-Type", request.contentType())
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(AzureExport.pretty(request)));
        HttpResponse<String> response = send(first, token, cancel, progress);
        progress.line("Azure answered " + response.statusCode() + ".");
        Optional<Poll> poller = pollTarget(plan, response);
        OperationEnd end = poller.isPresent() ? follow(poller.get(), origin, response, token, progress, cancel)
                : new OperationEnd("Succeeded", null);
        progress.stage("Reading where the service answers", 0.9);
        AzureResult result = AzureResults.read(this, plan, end.state(), end.operation(), token, cancel, progress);
        progress.stage("Done", 1);
        return result;
    }

    /** How the operation ended: its state, and the last status document (null when none was read). */
    private record OperationEnd(String state, JsonNode operation) {
    }

    /**
     * Polls the long-running operation on the request's own host until it succeeds; throws when it
     * fails, is cancelled or outlasts {@code maxWait}.
     */
    private OperationEnd follow(Poll p, String origin, HttpResponse<String> response, String token,
            Progress progress, Cancellation cancel) throws AzureServiceException, IOException {
        if (!origin(p.uri()).equals(origin)) {
            throw new AzureServiceException(0, null, "Azure pointed the operation status at another host ("
                    + p.uri().getHost() + "); the token is not sent there.", "Follow the operation in the "
                    + "Azure portal, or give --api-base for that host.");
        }
        String state;
        JsonNode operation = null;
        long deadline = System.nanoTime() + maxWait.toNanos();
        long wait = retryAfter(response).orElse(poll.toSeconds());
        int count = 0;
        while (true) {
            cancel.sleep(Math.min(Math.max(0, wait), MAX_WAIT_SECONDS) * 1000L);
            count++;
            HttpResponse<String> status = send(HttpRequest.newBuilder(p.uri()).timeout(Duration.ofSeconds(60))
                    .GET(), token, cancel, progress);
            wait = retryAfter(status).orElse(poll.toSeconds());
            if (p.field() == null) {
                if (status.statusCode() != 202) {
                    return new OperationEnd("Succeeded", operation);
                }
                state = "Running";
            } else {
                operation = parse(status.body());
                // Resource Manager says "status", model management "state"; read whichever came.
                state = operation.path(p.field()).asText(operation.path(p.field().equals("status") ? "state"
                        : "status").asText("Running"));
                String s = state.toLowerCase(Locale.ROOT);
                if (s.equals("succeeded")) {
                    return new OperationEnd(state, operation);
                }
                if (s.equals("failed") || s.startsWith("cancel") || s.equals("timedout")) {
                    throw AzureErrors.operationEnded(state, operation);
                }
            }
            progress.stage("Azure is working: " + state + " (check " + count + ")", -1);
            if (System.nanoTime() > deadline) {
                throw new AzureServiceException(0, null, "The Azure operation was still " + state + " after "
                        + maxWait.toMinutes() + " minutes; SecureScore stopped waiting (Azure carries on).",
                        "Follow it in the Azure portal, or at " + p.uri() + ".");
            }
        }
    }

    /** One GET with the token, retried on 429/503; for the final read, at addresses built from the plan. */
    JsonNode get(URI uri, String token, Cancellation cancel, Progress progress)
            throws AzureServiceException, IOException {
        return parse(send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET(), token, cancel, progress)
                .body());
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, String token, Cancellation cancel,
            Progress progress) throws AzureServiceException, IOException {
        HttpRequest request = builder.header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").header("User-Agent", "SecureScore").build();
        for (int attempt = 0; ; attempt++) {
            cancel.check();
            HttpResponse<String> response = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()),
                    request.uri(), cancel);
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                return response;
            }
            long after = retryAfter(response).orElse(-1L);
            if ((code == 429 || code == 503) && attempt < maxRetries) {
                long wait = after >= 0 ? Math.min(after, MAX_WAIT_SECONDS) : Math.min(60, 5L << attempt);
                progress.line("Azure is busy (" + code + "); waiting " + wait + " s before retry " + (attempt + 1)
                        + " of " + maxRetries + ".");
                cancel.sleep(wait * 1000L);
                continue;
            }
            throw AzureErrors.forStatus(code, response.body(), request.uri(), after);
        }
    }

    /** Waits for an answer while watching the cancel flag, so Cancel does not wait for a slow answer. */
    private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> future, URI uri,
            Cancellation cancel) throws IOException {
        while (true) {
            if (cancel.isCancelled()) {
                future.cancel(true);
                cancel.check();
            }
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Not yet: look at the cancel flag again.
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancellationException("Interrupted.");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IOException("Could not reach " + uri.getHost() + ": " + (cause.getMessage() == null
                        ? cause.toString() : cause.getMessage()) + ". Check the network (and a proxy, if one is "
                        + "needed) and --api-base.", cause);
            }
        }
    }

    /** Where to follow the operation, and which field holds its status (null: poll until not 202). */
    record Poll(URI uri, String field) {
    }

    private static Optional<Poll> pollTarget(AzurePlan plan, HttpResponse<String> response) {
        URI base = response.request().uri();
        Optional<String> async = response.headers().firstValue("Azure-AsyncOperation");
        if (async.isPresent()) {
            return Optional.of(new Poll(base.resolve(async.get()), "status"));
        }
        Optional<String> operation = response.headers().firstValue("Operation-Location");
        if (operation.isEmpty() && plan.target() == TargetKind.ACI && response.statusCode() == 200) {
            String id = parse(response.body()).path("operationId").asText("");
            operation = id.isEmpty() ? Optional.empty() : Optional.of(id);
        }
        if (operation.isPresent()) {
            if (plan.target() == TargetKind.ACI) {
                // As the SDK does: the operation's ID is the header's last segment, polled under the workspace.
                String value = operation.get();
                String id = value.substring(value.lastIndexOf('/') + 1);
                return Optional.of(new Poll(URI.create(AzureRequests.mms(plan.settings()) + "/operations/" + id),
                        "state"));
            }
            return Optional.of(new Poll(base.resolve(operation.get()), "state"));
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isPresent() && response.statusCode() == 202) {
            return Optional.of(new Poll(base.resolve(location.get()), null));
        }
        return Optional.empty();
    }

    private static Optional<Long> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static JsonNode parse(String body) {
        try {
            return AzureRequests.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return AzureRequests.JSON.createObjectNode();
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() == -1 ? 443
                : uri.getPort());
    }
}
