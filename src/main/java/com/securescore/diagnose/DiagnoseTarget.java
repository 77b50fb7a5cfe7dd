package com.securescore.diagnose;

import com.securescore.scoring.KeyFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The endpoint to diagnose, from what a person gave: {@code HOST[:PORT]}, the name clients check, an
 * address to connect to instead of resolving the name, trusted roots and the service's key file. One
 * reading for {@code securescore diagnose} and the wizard's Diagnose window, so both accept the same
 * input and refuse the rest with the same sentence; each face only names the input its own way (an
 * option, a field). Name lookups and file reads happen in {@link #request}, meant for a background
 * thread; {@link #hostPort} is a parse only. The key is never put in a message.
 */
public final class DiagnoseTarget {
    /** The port the scoring protocol listens on when none is given. */
    public static final int DEFAULT_PORT = 50051;

    /** What a person gave that a problem is with; each face names it in its own words. */
    public enum Input { ENDPOINT, CONNECT_TO, TRUST, KEY_FILE }

    /** Host and port as given. */
    public record HostPort(String host, int port) {
    }

    /** What a person gave, as given: blank or null strings mean "not given". */
    public record Given(HostPort endpoint, String domain, String connectTo, List<Path> trust, Path keyFile,
                        boolean bearer, String route, List<String> expectedSha256) {
        public Given {
            trust = List.copyOf(trust);
            expectedSha256 = List.copyOf(expectedSha256);
        }
    }

    /** Input to correct: a sentence that names the value and the fix, and which input it is about. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final Input input;

        Problem(Input input, String message) {
            super(message);
            this.input = input;
        }

        public Input input() {
            return input;
        }
    }

    private DiagnoseTarget() {
    }

    /**
     * {@code HOST}, {@code HOST:PORT} (spaces around ignored; port {@value #DEFAULT_PORT} when not given),
     * or an IPv6 address without a port. A leading colon is read as a port with no host, and refused as such.
     */
    public static HostPort hostPort(String typed) throws Problem {
        String text = typed == null ? "" : typed.strip();
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        if (colon >= 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon).strip();
            port = port(text.substring(colon + 1));
            if (port < 1) {
                throw new Problem(Input.ENDPOINT, "\"" + text + "\" has no valid port: give HOST or HOST:PORT. The "
                        + "port must be a number from 1 to 65535, e.g. " + DEFAULT_PORT + ".");
            }
        }
        if (host.isBlank()) {
            throw new Problem(Input.ENDPOINT, "Give the endpoint as HOST or HOST:PORT, e.g. scoring.contoso.com:"
                    + DEFAULT_PORT + ".");
        }
        return new HostPort(host, port);
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The core's request: resolves the connect-to address, checks that the trust files are files and reads
     * the key (the domain defaults to the host). Blocks on name lookups: call it off the UI thread.
     */
    public static EndpointDiagnosis.Request request(Given given) throws Problem {
        HostPort target = given.endpoint();
        String domain = blank(given.domain()) ? target.host() : given.domain().strip();
        return new EndpointDiagnosis.Request(target.host(), target.port(), domain, address(given.connectTo()),
                trust(given.trust()), key(given.keyFile(), given.bearer(), given.route()), given.expectedSha256());
    }

    private static Optional<InetAddress> address(String connectTo) throws Problem {
        if (blank(connectTo)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(connectTo.strip()));
        } catch (UnknownHostException e) {
            throw new Problem(Input.CONNECT_TO, connectTo.strip() + " is not an address that resolves.");
        }
    }

    private static List<Path> trust(List<Path> files) throws Problem {
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                throw new Problem(Input.TRUST, p + " is not a file.");
            }
        }
        return files;
    }

    private static Optional<EndpointDiagnosis.Key> key(Path file, boolean bearer, String route) throws Problem {
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EndpointDiagnosis.Key(KeyFiles.require(file, false), bearer, route));
        } catch (KeyFiles.NoKeyException e) {
            throw new Problem(Input.KEY_FILE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The reader's message may quote the file's content, so it is not passed on.
            throw new Problem(Input.KEY_FILE, "could not read a key from " + file + " (a keys file with a "
                    + "\"primary\" key, or a file holding just the key).");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
