package com.securescore.service;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Lets a call through only with one of the service's keys in its {@code authorization} header, in
 * either form clients send it: the raw key (the 2018 FPGA clients) or {@code Bearer <key>} (the
 * AKS-hosted generation, which also sends a route header that is accepted and ignored here).
 */
final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AuthKeys keys;
    private final ServiceStats stats;

    AuthInterceptor(AuthKeys keys, ServiceStats stats) {
        this.keys = keys;
        this.stats = stats;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null || header.isBlank()) {
            stats.rejected();
            call.close(Status.UNAUTHENTICATED.withDescription("no key: send one of the service's keys in the "
                    + "authorization header (\"authorization: <key>\" or \"authorization: Bearer <key>\")"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        String presented = header.strip();
        if (presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = presented.substring(7).strip();
        }
        if (!keys.accepts(presented)) {
            stats.rejected();
            call.close(Status.UNAUTHENTICATED.withDescription("wrong key: the key sent is neither the primary nor "
                    + "the secondary key of this service (was one regenerated?)"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
