package com.securescore.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Fetches a model into the cache: streamed to a {@code .part} file while its SHA-256 is computed,
 * resumed with an HTTP range request after an interrupted attempt, checked against the pinned size
 * and hash, and only then moved into place. Other processes fetching the same model wait for this
 * one (a file lock) and then use its result.
 */
public final class ModelDownloader {
    /**
     * Bytes received so far and the total expected; called often, from the downloading thread. It
     * may throw {@link Cancelled} to stop the download (the bytes so far are kept for the next one).
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(long done, long total);
    }

    /** Thrown by a {@link Progress} to stop the download because the user cancelled it. */
    public static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Cancelled() {
            super("the download was cancelled");
        }
    }

    /** The model could not be had; the message says why in plain words. */
    public static final class DownloadException extends Exception {
        private static final long serialVersionUID = 1L;

        /** What went wrong, so callers can say what to do about it. */
        public enum Kind {
            /** Offline, no route, DNS, proxy or TLS trouble: the server was not reached. */
            UNREACHABLE,
            /** The server answered, but not with the file (an HTTP error status). */
            REFUSED,
            /** The transfer stopped part-way; the bytes so far are kept for the next attempt. */
            INTERRUPTED,
            /** Bytes arrived, but they are not the pinned file. */
            NOT_THE_PINNED_FILE
        }

        private final Kind kind;

        public DownloadException(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private static final Object IN_PROCESS = new Object();

    private final Proxy proxy;
    private final List<String> noProxy;
    private final Duration stallTimeout;

    /**
     * @param proxy        how to reach the internet ({@link Proxy#NO_PROXY} for directly)
     * @param stallTimeout how long a connection may send nothing before the attempt is given up
     *                     (and resumed by the next one)
     */
    public ModelDownloader(Proxy proxy, Duration stallTimeout) {
        this(proxy, List.of(), stallTimeout);
    }

    /** @param noProxy hosts reached directly, as in NO_PROXY: names, domain suffixes (".corp"), or "*" */
    public ModelDownloader(Proxy proxy, List<String> noProxy, Duration stallTimeout) {
        this.proxy = proxy;
        this.noProxy = List.copyOf(noProxy);
        this.stallTimeout = stallTimeout;
    }

    /** Through HTTPS_PROXY when it is set; a connection silent for 30 s is given up. */
    public static ModelDownloader standard() {
        String none = System.getenv("NO_PROXY") != null ? System.getenv("NO_PROXY") : System.getenv("no_proxy");
        List<String> direct = none == null ? List.of()
                : Arrays.stream(none.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        return new ModelDownloader(proxyFromEnvironment().orElse(Proxy.NO_PROXY), direct, Duration.ofSeconds(30));
    }

    static Optional<Proxy> proxyFromEnvironment() {
        for (String name : List.of("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                URI uri = URI.create(value.contains("://") ? value.strip() : "http://" + value.strip());
                if (uri.getHost() != null) {
                    int port = uri.getPort() > 0 ? uri.getPort() : 8080;
                    return Optional.of(new Proxy(Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved(uri.getHost(), port)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the verified file for {@code spec}, downloading it first unless the cache already
     * holds it. A damaged cached copy is replaced.
     */
    public Path fetch(ModelCache cache, ModelSpec spec, Progress progress)
            throws DownloadException, IOException {
        Path target = cache.pathOf(spec);
        Files.createDirectories(target.getParent());
        Path lockFile = target.resolveSibling(spec.fileName() + ".lock");
        synchronized (IN_PROCESS) {
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                ModelCache.Status status = cache.status(spec);
                if (status.state() == ModelCache.State.VERIFIED) {
                    return status.file();
                }
                if (status.state() == ModelCache.State.DAMAGED && status.file().equals(target)) {
                    Files.delete(target);
                }
                Map<String, List<URI>> failures = new LinkedHashMap<>();
                DownloadException.Kind kind = null;
                for (URI url : spec.urls()) {
                    try {
                        download(url, spec, cache.partOf(spec), progress);
                        Files.move(cache.partOf(spec), target, StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                        return target;
                    } catch (DownloadException e) {
                        failures.computeIfAbsent(e.getMessage(), k -> new ArrayList<>()).add(url);
                        // The most telling kind: a wrong file over a broken transfer over no answer.
                        kind = kind == null || e.kind().ordinal() > kind.ordinal() ? e.kind() : kind;
                    }
                }
                throw new DownloadException(kind, spec.title() + " could not be downloaded: " + summary(failures));
            } catch (Cancelled c) {
                // The user stopped it: no other address is tried; the bytes so far stay for the next attempt.
                throw new DownloadException(DownloadException.Kind.INTERRUPTED, spec.title() + ": the download was "
                        + "cancelled; the next attempt resumes where it stopped.");
            }
        }
    }

    /** Directly for hosts NO_PROXY names (exactly, or as a domain suffix), else through the proxy. */
    Proxy proxyFor(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String e = entry.toLowerCase(Locale.ROOT).replaceFirst("^\\*?\\.", ".").replaceFirst(":\\d+$", "");
            if (e.equals("*") || h.equals(e) || h.equals(e.replaceFirst("^\\.", ""))
                    || (e.startsWith(".") ? h.endsWith(e) : h.endsWith("." + e))) {
                return Proxy.NO_PROXY;
            }
        }
        return proxy;
    }

    /** One reason once; different reasons each with the addresses that gave them. */
    private static String summary(Map<String, List<URI>> failures) {
        if (failures.size() == 1) {
            return failures.keySet().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        failures.forEach((reason, urls) -> parts.add("from " + urls.get(0) + (urls.size() > 1 ? " (and "
                + (urls.size() - 1) + " more)" : "") + ": " + reason));
        return String.join(" ", parts);
    }

    /**
     * Puts a copy of the model the user already has (fetched on another machine, say) into the cache,
     * if it is exactly the pinned file.
     */
    public static Path install(ModelCache cache, ModelSpec spec, Path copy) throws DownloadException, IOException {
        long size = Files.size(copy);
        if (size != spec.size()) {
            throw new DownloadException(DownloadException.Kind.NOT_THE_PINNED_FILE,
                    copy + " is " + size + " bytes, not the " + spec.size() + " of "
                    + spec.fileName() + "; it is a different file.");
        }
        String actual = ModelCache.sha256(copy);
        if (!actual.equals(spec.sha256())) {
            throw new DownloadException(DownloadException.Kind.NOT_THE_PINNED_FILE,
                    copy + " has SHA-256 " + actual + ", not the pinned " + spec.sha256()
                    + "; it is a different or damaged file.");
        }
        Path target = cache.pathOf(spec);
        Files.createDirectories(target.getParent());
        Path part = cache.partOf(spec);
        Files.copy(copy, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private void download(URI url, ModelSpec spec, Path part, Progress progress)
            throws DownloadException, IOException {
        for (int round = 0; ; round++) {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            if (have >= spec.size()) {
                Files.delete(part);
                have = 0;
            }
            HttpURLConnection connection;
            int code;
            try {
                connection = (HttpURLConnection) url.toURL().openConnection(proxyFor(url.getHost()));
                connection.setConnectTimeout((int) stallTimeout.toMillis());
                connection.setReadTimeout((int) stallTimeout.toMillis());
                connection.setInstanceFollowRedirects(true);
                connection.setRequestProperty("User-Agent", "SecureScore");
                if (have > 0) {
                    connection.setRequestProperty("Range", "bytes=" + have + "-");
                }
                code = connection.getResponseCode();
            } catch (IOException e) {
                throw new DownloadException(DownloadException.Kind.UNREACHABLE,
                    explain(url, e));
            }
            if (code == 416 && round == 0) {
                connection.disconnect();
                Files.deleteIfExists(part);
                continue;
            }
            if (code == 407) {
                connection.disconnect();
                throw new DownloadException(DownloadException.Kind.REFUSED, "the proxy asks for a user name and "
                        + "password (HTTP 407), which SecureScore does not send. Download the file with a browser "
                        + "or curl and add it with `securescore model fetch --from FILE`.");
            }
            if (code != 200 && code != 206) {
                connection.disconnect();
                throw new DownloadException(DownloadException.Kind.REFUSED,
                    "the server answered HTTP " + code + ".");
            }
            boolean resume = code == 206 && have > 0;
            try {
                receive(connection.getInputStream(), spec, part, resume ? have : 0, progress);
            } finally {
                connection.disconnect();
            }
            return;
        }
    }

    private static void receive(InputStream body, ModelSpec spec, Path part, long have, Progress progress)
            throws DownloadException, IOException {
        MessageDigest digest = ModelCache.newDigest();
        byte[] buffer = new byte[1 << 16];
        if (have > 0) {
            try (InputStream existing = Files.newInputStream(part)) {
                for (int n; (n = existing.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        long done = have;
        progress.update(done, spec.size());
        try (InputStream in = body;
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                done += n;
                if (done > spec.size()) {
                    throw new DownloadException(DownloadException.Kind.NOT_THE_PINNED_FILE,
                    "the server sent more than the " + spec.size()
                            + " bytes expected; this is not the pinned file.");
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                progress.update(done, spec.size());
            }
        } catch (DownloadException e) {
            Files.deleteIfExists(part);
            throw e;
        } catch (SocketTimeoutException e) {
            throw new DownloadException(DownloadException.Kind.INTERRUPTED,
                    "the server sent nothing for a while after " + ModelSpec.mebibytes(done)
                    + " of " + ModelSpec.mebibytes(spec.size()) + "; the next attempt resumes there.");
        } catch (IOException e) {
            throw new DownloadException(DownloadException.Kind.INTERRUPTED,
                    "the connection broke after " + ModelSpec.mebibytes(done) + " of "
                    + ModelSpec.mebibytes(spec.size()) + " (" + e.getMessage() + "); the next attempt resumes there.");
        }
        if (done < spec.size()) {
            throw new DownloadException(DownloadException.Kind.INTERRUPTED,
                    "the download ended after " + ModelSpec.mebibytes(done) + " of "
                    + ModelSpec.mebibytes(spec.size()) + "; the next attempt resumes there.");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(spec.sha256())) {
            Files.deleteIfExists(part);
            throw new DownloadException(DownloadException.Kind.NOT_THE_PINNED_FILE,
                    "the file's SHA-256 is " + actual + ", not the pinned " + spec.sha256()
                    + "; it was deleted, not used.");
        }
    }

    private static String explain(URI url, IOException e) {
        String host = url.getHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return host + " cannot be resolved: this machine looks offline, or needs a proxy "
                        + "(set HTTPS_PROXY).";
            }
        }
        if (e instanceof SocketTimeoutException) {
            return host + " did not answer in time: offline, or a firewall or proxy is in the way "
                    + "(set HTTPS_PROXY).";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return host + " refused the connection or is out of reach: offline, or a proxy is needed "
                    + "(set HTTPS_PROXY).";
        }
        if (e instanceof SSLException) {
            return "the TLS handshake with " + host + " failed (" + e.getMessage() + "). A proxy that inspects "
                    + "TLS needs its root certificate in Java's trust store.";
        }
        return "the download from " + host + " failed: " + e;
    }
}
