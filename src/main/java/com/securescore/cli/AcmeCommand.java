package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.acme.AcmeDirectories;
import com.securescore.acme.AcmeFailure;
import com.securescore.acme.AcmeRequest;
import com.securescore.acme.AcmeResult;
import com.securescore.acme.AcmeService;
import com.securescore.acme.ChallengeChoice;
import com.securescore.acme.DnsRecordUser;
import com.securescore.acme.KeyType;
import com.securescore.acme.TxtRecord;
import com.securescore.cert.Certificates;
import com.securescore.dns.DnsServer;
import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore acme}: a certificate from Let's Encrypt or any ACME CA, written as certbot does. */
@Command(name = "acme", mixinStandardHelpOptions = true, subcommands = AcmeRenewCommand.class,
        description = {"Get a certificate for NAME from an ACME certificate authority (Let's Encrypt, its staging "
            + "directory, or any ACME directory URL), proving control of NAME with SecureScore's own HTTP "
            + "responder or a DNS TXT record you create. Writes fullchain.pem, privkey.pem (owner-only) and "
            + "renewal.json to --out (earlier files are kept as *.pem.1, ...), then checks the certificate.",
            "Exit 0 when issued and the checks find no error, 1 when the CA refused or the checks found an error, "
                    + "2 on usage problems (including terms not agreed)."})
final class AcmeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "NAME", description = "The service's name, e.g. scoring.contoso.com.")
    String domain;

    @Option(names = "--directory", paramLabel = "URL", description = "letsencrypt, letsencrypt-staging (for "
            + "trying things out: its certificates are not trusted), or the CA's ACME directory URL.")
    String directory;

    static final class ChallengeOptions {
        @Option(names = "--http-port", paramLabel = "N", description = "Answer the CA's HTTP challenge on port N: "
                + "80, or the port that port 80 of NAME is forwarded to.")
        Integer httpPort;

        @Option(names = "--dns-manual", description = "Prove control with a DNS TXT record you create; it is "
                + "shown, then checked before the CA is asked.")
        boolean dnsManual;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ChallengeOptions challenge;

    @Option(names = "--dns-resolver", paramLabel = "HOST[:PORT]", description = "With --dns-manual: check the TXT "
            + "record on this resolver (repeatable; best: the zone's own name servers). Default: this machine's.")
    List<String> dnsResolvers = new ArrayList<>();

    @Option(names = "--dns-wait", paramLabel = "DURATION", converter = DurationConverter.AboveZero.class,
            description = "With --dns-manual: do not wait for Enter; check for the record every 10 s until it is "
                    + "there or this much time has passed, e.g. 10m.")
    Duration dnsWait;

    @Option(names = "--account-key", paramLabel = "FILE", description = "Your ACME account's key (PEM). Default: "
            + "SecureScore's own, made once and kept owner-only in your config folder.")
    Path accountKey;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "Contact address for the CA's expiry notices.")
    String email;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec", converter = Choices.AcmeKey.class,
            completionCandidates = Choices.AcmeKeyWords.class,
            description = "The certificate's key: ec (P-256, default), rsa2048 or rsa3072.")
    KeyType keyType;

    @Option(names = "--trust", paramLabel = "FILE", description = "A private root certificate (PEM) to trust: the "
            + "CA that signed the directory's HTTPS certificate, and the root a private CA issues under. "
            + "Repeatable.")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where fullchain.pem, privkey.pem and renewal.json "
            + "go.")
    Path out;

    @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (run without it to see "
            + "where they are).")
    boolean agreeTos;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        DomainCheck name = checkGiven();
        ChallengeChoice choice = challengeChoice();
        if (!agreeTos) {
            OptionalInt refused = termsNotAgreed(name);
            if (refused.isPresent()) {
                return refused.getAsInt();
            }
        }
        AcmeRequest request = new AcmeRequest(name.name(), directory, choice, accountKey, email, keyType, trust, out,
                true);
        return issue(spec, output.json, request, dnsWait != null);
    }

    /** The options an order needs, each named when missing or wrong; the domain as checked. */
    private DomainCheck checkGiven() {
        List<String> missing = new ArrayList<>();
        if (domain == null) {
            missing.add("--domain NAME");
        }
        if (directory == null) {
            missing.add("--directory URL|letsencrypt|letsencrypt-staging");
        }
        if (challenge == null) {
            missing.add("--http-port N or --dns-manual");
        }
        if (out == null) {
            missing.add("--out DIR");
        }
        if (!missing.isEmpty()) {
            throw new UserInputException("Missing: " + String.join(", ", missing) + ". Try 'securescore acme "
                    + "--help'.");
        }
        DomainCheck name = DomainNames.check(domain);
        if (!name.valid()) {
            throw new UserInputException("--domain \"" + domain + "\": " + name.reason() + " " + name.fix());
        }
        try {
            AcmeDirectories.resolve(directory);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--directory: " + e.getMessage());
        }
        return name;
    }

    /** How control of the name is proven: the DNS record the user creates, or SecureScore's HTTP responder. */
    private ChallengeChoice challengeChoice() {
        if (challenge.dnsManual) {
            List<DnsServer> servers = new ArrayList<>();
            for (String r : dnsResolvers) {
                servers.add(usage("--dns-resolver", () -> DnsServer.parse(r)));
            }
            Duration wait = dnsWait == null ? Duration.ZERO : dnsWait;
            return new ChallengeChoice.DnsManual(servers, wait, Duration.ofSeconds(10));
        }
        int port = challenge.httpPort;
        if (port < 1 || port > 65535) {
            throw new UserInputException("--http-port: the port must be a number from 1 to 65535, not " + port
                    + ".");
        }
        return new ChallengeChoice.Http(port);
    }

    /** Without --agree-tos: the exit code when the CA has terms to agree to (they are shown), else empty. */
    private OptionalInt termsNotAgreed(DomainCheck name) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<URI> terms = new AcmeService().termsOfService(directory, trust);
            if (terms.isEmpty()) {
                return OptionalInt.empty();
            }
            if (output.json) {
                ObjectNode node = Json.object().put("domain", name.name()).put("issued", false)
                        .put("termsOfService", terms.get().toString());
                Json.putFindings(node, List.of(AcmeService.termsNotAgreed(terms.get()).finding()));
                Json.print(spec.commandLine().getOut(), node);
            }
            err.println("securescore: The certificate authority's terms of service must be agreed to first: "
                    + terms.get());
            err.println("Read them, then run the same command with --agree-tos.");
            err.flush();
            return OptionalInt.of(ExitCodes.USAGE);
        } catch (AcmeFailure f) {
            return OptionalInt.of(failed(spec, output.json, domain, f));
        }
    }

    /** Runs one order and prints its outcome; shared with {@code acme renew}. */
    static int issue(CommandSpec spec, boolean json, AcmeRequest request, boolean polls) {
        return issue(spec, json, request, polls, (r, node) -> ExitCodes.OK);
    }

    /** What follows a clean certificate (acme renew's redeployment): adds to the JSON document when there is one. */
    interface Afterwards {
        int run(AcmeResult result, ObjectNode json);
    }

    /** As {@link #issue(CommandSpec, boolean, AcmeRequest, boolean)}, then {@code afterwards} once the checks pass. */
    static int issue(CommandSpec spec, boolean json, AcmeRequest request, boolean polls, Afterwards afterwards) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter log = json ? err : stdout;
        if (AcmeDirectories.isStaging(AcmeDirectories.resolve(request.directory()))) {
            log.println("Note: the staging directory issues certificates no client trusts; use it to try things "
                    + "out.");
        }
        Progress progress = new Progress() {
            @Override
            public void stage(String name, double fraction) {
                log.println(name);
                log.flush();
            }

            @Override
            public void line(String text) {
                log.println("  " + text);
                log.flush();
            }
        };
        DnsRecordUser user = (record, cancel) -> askForRecord(log, record, polls, request);
        try {
            AcmeResult r = new AcmeService().issue(request, user, progress, new Cancellation());
            if (json) {
                ObjectNode node = json(request, r);
                int code = r.report().ok() ? afterwards.run(r, node) : ExitCodes.FINDINGS;
                Json.print(stdout, node);
                return code;
            }
            text(stdout, request, r);
            return r.report().ok() ? afterwards.run(r, null) : ExitCodes.FINDINGS;
        } catch (AcmeFailure f) {
            return failed(spec, json, request.domain(), f);
        } catch (CancellationException e) {
            err.println("securescore: Cancelled; nothing was written.");
            return ExitCodes.FINDINGS;
        }
    }

    private static void askForRecord(PrintWriter log, TxtRecord record, boolean polls, AcmeRequest request) {
        log.println("Create this DNS record (in the zone that holds " + request.domain() + "):");
        log.println("  name:  " + record.name());
        log.println("  type:  TXT");
        log.println("  value: " + record.value());
        if (polls) {
            log.println("Checking for it every 10 s.");
            log.flush();
            return;
        }
        log.println("Press Enter when it is there.");
        log.flush();
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new CancellationException("No answer on standard input.");
        }
    }

    static int failed(CommandSpec spec, boolean json, String domain, AcmeFailure f) {
        if (json) {
            ObjectNode node = Json.object().put("domain", domain).put("issued", false);
            Json.putFindings(node, List.of(f.finding()));
            Json.print(spec.commandLine().getOut(), node);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("securescore: " + f.code() + ": " + f.getMessage());
        err.println("  fix: " + f.fix() + hint(f.code()));
        err.flush();
        return ExitCodes.FINDINGS;
    }

    /** The CLI's own way to do what a fix asks, where the core's words are for both GUI and CLI. */
    private static String hint(FindingCode code) {
        return switch (code) {
            case ACME_DIRECTORY_UNTRUSTED -> " Use --trust FILE with that root certificate.";
            case ACME_HTTP_PORT_DENIED, ACME_HTTP_PORT_IN_USE -> " Choose the port with --http-port N.";
            case ACME_DNS_RECORD_NOT_SEEN -> " --dns-wait 10m checks until it is there; --dns-resolver names the "
                    + "zone's name server.";
            case ACME_ACCOUNT_KEY_UNREADABLE -> " (--account-key FILE)";
            case ACME_RATE_LIMITED -> " (--directory letsencrypt-staging)";
            default -> "";
        };
    }

    static void text(PrintWriter out, AcmeRequest request, AcmeResult r) {
        out.println("Issued: a certificate for " + request.domain() + " by " + Certificates.issuerName(r.report()
                .leaf()) + ", valid until " + r.notAfter() + ".");
        out.println("  " + r.fullchain());
        out.println("  " + r.privkey() + " (owner-only)");
        out.println("  " + r.settings() + " (for securescore acme renew --out " + request.outDir() + ")");
        for (Path p : r.keptOld()) {
            out.println("  kept the earlier file as " + p);
        }
        List<Finding> findings = r.report().findings();
        out.println(r.report().ok() ? "Checks: no errors." : "Checks: the certificate has errors.");
        for (Finding f : findings) {
            out.println(f.code() + " (" + f.severity().word() + "): " + f.message());
            out.println("  fix: " + f.fix());
        }
        if (r.report().has(FindingCode.CHAIN_INCOMPLETE)) {
            out.println("The CA's root is not a trusted root on this machine: usual for a test CA (Let's Encrypt's "
                    + "staging directory, Pebble) or your organisation's own CA. Clients must be given that root as "
                    + "their trusted root; check the files with it: securescore check --domain " + request.domain()
                    + " --cert " + r.fullchain() + " --key " + r.privkey() + " --trust ROOT.pem");
        }
        out.flush();
    }

    static ObjectNode json(AcmeRequest request, AcmeResult r) {
        ObjectNode node = Json.object()
                .put("domain", request.domain())
                .put("directory", request.directory())
                .put("issued", true)
                .put("fullchain", r.fullchain().toString())
                .put("privkey", r.privkey().toString())
                .put("settings", r.settings().toString())
                .put("notAfter", r.notAfter().toString())
                .put("issuer", Certificates.issuerName(r.report().leaf()))
                .put("ok", r.report().ok());
        var kept = node.putArray("keptOld");
        r.keptOld().forEach(p -> kept.add(p.toString()));
        Json.putFindings(node, r.report().findings());
        return node;
    }

    private static <T> T usage(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage());
        }
    }
}
