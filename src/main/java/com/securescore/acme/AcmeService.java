package com.securescore.acme;

import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Gets a certificate over ACME (RFC 8555) and writes it as {@code fullchain.pem} + {@code privkey.pem}
 * with the renewal settings beside them, then runs the certificate checks on the result. One entry
 * point for the wizard and the CLI; reports each {@link AcmeStage} through {@link Progress} and stops
 * at once on {@link Cancellation}. Every failure is an {@link AcmeFailure} in plain words.
 */
public final class AcmeService {
    /** How long one challenge or the finalisation may take before giving up. */
    static final Duration CA_LIMIT = Duration.ofMinutes(3);

    private final Clock clock;

    public AcmeService(Clock clock) {
        this.clock = clock;
    }

    public AcmeService() {
        this(Clock.systemUTC());
    }

    /**
     * The CA's terms of service, to show before the user agrees; empty when the CA has none.
     *
     * @throws AcmeFailure when the directory cannot be read (unreachable, untrusted, not ACME)
     */
    public Optional<URI> termsOfService(String directory, List<Path> trust) throws AcmeFailure {
        Session session = session(directory, trust);
        return metadata(session).getTermsOfService();
    }

    /** Orders, validates, finalises and downloads the certificate for {@code request}. */
    public AcmeResult issue(AcmeRequest request, DnsRecordUser user, Progress progress, Cancellation cancel)
            throws AcmeFailure {
        URI dir = directoryUri(request.directory());
        Http01Responder responder = null;
        try {
            if (request.challenge() instanceof ChallengeChoice.Http h) {
                // Before anything is asked of the CA: a port problem is the user's to fix first.
                responder = Http01Responder.start(h.port());
            }
            Account account = account(request, dir, progress, cancel);

            cancel.check();
            stage(progress, AcmeStage.ORDER, "Order: a certificate for " + request.domain());
            Order order = call(dir, () -> account.login().newOrder().domain(request.domain()).create());
            authorise(order, request, responder, user, progress, cancel, dir);
            KeyPair domainKey = finalise(order, request, progress, cancel, dir);

            stage(progress, AcmeStage.DOWNLOAD, "Download: the certificate chain");
            List<X509Certificate> chain = call(dir, () -> order.getCertificate().getCertificateChain());
            return write(request, chain, domainKey, account.terms().map(URI::toString).orElse(null), progress);
        } finally {
            if (responder != null) {
                responder.close();
            }
        }
    }

    /** The account logged in to, and the CA's terms of service (empty when it has none). */
    private record Account(Login login, Optional<URI> terms) {
    }

    /** Reads the directory, holds the user to the CA's terms, and logs in with the account key. */
    private Account account(AcmeRequest request, URI dir, Progress progress, Cancellation cancel)
            throws AcmeFailure {
        stage(progress, AcmeStage.ACCOUNT, "Account: reading the directory " + dir);
        Session session = session(request.directory(), request.trust());
        Optional<URI> terms = metadata(session).getTermsOfService();
        if (terms.isPresent() && !request.agreeToTerms()) {
            throw termsNotAgreed(terms.get());
        }
        cancel.check();
        KeyPair accountKey = request.accountKey() != null ? AccountKeys.read(request.accountKey())
                : AccountKeys.loadOrCreate(AccountKeys.defaultFile());
        Login login = login(session, accountKey, request, terms.isPresent(), dir);
        progress.line("Account: " + login.getAccountLocation());
        return new Account(login, terms);
    }

    /** Answers the challenge of each name the CA has not confirmed for this account recently. */
    private void authorise(Order order, AcmeRequest request, Http01Responder responder, DnsRecordUser user,
            Progress progress, Cancellation cancel, URI dir) throws AcmeFailure {
        stage(progress, AcmeStage.AUTHORISATIONS, "Authorisations: what the CA asks to see");
        List<Authorization> auths = call(dir, order::getAuthorizations);
        for (Authorization auth : auths) {
            cancel.check();
            if (auth.getStatus() == Status.VALID) {
                stage(progress, AcmeStage.CHALLENGE, "Challenge: not needed, the CA confirmed "
                        + auth.getIdentifier().getDomain() + " for this account recently");
                continue;
            }
            stage(progress, AcmeStage.CHALLENGE, "Challenge: showing control of "
                    + auth.getIdentifier().getDomain());
            if (responder != null) {
                http01(auth, responder, progress, cancel, dir);
            } else {
                dns01(auth, (ChallengeChoice.DnsManual) request.challenge(), user, progress, cancel, dir);
            }
        }
    }

    /** Sends the certificate request for a new key once the order is ready; the key, once it is issued. */
    private KeyPair finalise(Order order, AcmeRequest request, Progress progress, Cancellation cancel, URI dir)
            throws AcmeFailure {
        stage(progress, AcmeStage.FINALISE, "Finalise: sending the certificate request (" + request.keyType()
                + " key)");
        waitFor(order, Status.READY, cancel, dir);
        if (order.getStatus() != Status.READY) {
            throw orderFailed(order, dir);
        }
        KeyPair domainKey = request.keyType().generate();
        call(dir, () -> {
            order.execute(domainKey);
            return null;
        });
        waitFor(order, Status.VALID, cancel, dir);
        if (order.getStatus() != Status.VALID) {
            throw orderFailed(order, dir);
        }
        return domainKey;
    }

    private AcmeResult write(AcmeRequest request, List<X509Certificate> chain, KeyPair key, String terms,
            Progress progress) throws AcmeFailure {
        Path out = request.outDir();
        try {
            List<Path> kept = CertificateFiles.write(out, chain, key.getPrivate());
            for (Path p : kept) {
                progress.line("Kept the earlier file as " + p);
            }
            // The deployments recorded for this folder stay recorded: the renewal goes to them too.
            RenewalSettings.of(request, terms).withKubernetes(RenewalSettings.kubernetesIn(out)).write(out);
            List<Source> trust = new ArrayList<>();
            for (Path p : request.trust()) {
                trust.add(Source.file(p));
            }
            Path fullchain = out.resolve(CertificateExporter.FULLCHAIN);
            Path privkey = out.resolve(CertificateExporter.PRIVKEY);
            CheckReport report = new CertificateService(clock).check(new CertificateService.Request(request.domain(),
                    List.of(Source.file(fullchain)), Source.file(privkey), null, trust));
            progress.stage("Done", 1);
            return new AcmeResult(fullchain, privkey, out.resolve(RenewalSettings.FILE_NAME), kept,
                    chain.get(0).getNotAfter().toInstant(), report);
        } catch (IOException e) {
            throw new AcmeFailure(FindingCode.ACME_CA_ERROR, "The certificate was issued but could not be written to "
                    + out + ": " + AcmeErrors.oneLine(e.getMessage()) + ".",
                    "Make the folder writable and get the certificate again (the CA allows reissuing).");
        }
    }

    private void http01(Authorization auth, Http01Responder responder, Progress progress, Cancellation cancel,
            URI dir) throws AcmeFailure {
        String domain = auth.getIdentifier().getDomain();
        Http01Challenge ch = auth.<Http01Challenge>findChallenge(Http01Challenge.TYPE).orElseThrow(() ->
                new AcmeFailure(FindingCode.ACME_CA_ERROR, "The certificate authority does not offer the HTTP "
                        + "challenge for " + domain + ".", "Use the DNS challenge instead."));
        responder.put(ch.getToken(), ch.getAuthorization());
        try {
            progress.line("Challenge: answering http://" + domain + Http01Responder.PATH + ch.getToken()
                    + " on port " + responder.port());
            call(dir, () -> {
                ch.trigger();
                return null;
            });
            waitFor(ch, Status.VALID, cancel, dir);
            if (ch.getStatus() != Status.VALID) {
                throw AcmeErrors.challengeFailed(domain, problem(ch.getError()), true, responder.port());
            }
            progress.line("Challenge: the CA confirmed " + domain + ".");
        } finally {
            responder.remove(ch.getToken());
        }
    }

    private void dns01(Authorization auth, ChallengeChoice.DnsManual choice, DnsRecordUser user, Progress progress,
            Cancellation cancel, URI dir) throws AcmeFailure {
        String domain = auth.getIdentifier().getDomain();
        Dns01Challenge ch = auth.<Dns01Challenge>findChallenge(Dns01Challenge.TYPE).orElseThrow(() ->
                new AcmeFailure(FindingCode.ACME_CA_ERROR, "The certificate authority does not offer the DNS "
                        + "challenge for " + domain + ".", "Use the HTTP challenge instead."));
        String name = ch.getRRName(auth.getIdentifier());
        TxtRecord record = new TxtRecord(name.endsWith(".") ? name.substring(0, name.length() - 1) : name,
                ch.getDigest());
        progress.line("Challenge: create the TXT record " + record.name() + " with the value " + record.value());
        user.createRecord(record, cancel);
        new TxtWait(clock).await(record, choice, progress, cancel);
        call(dir, () -> {
            ch.trigger();
            return null;
        });
        waitFor(ch, Status.VALID, cancel, dir);
        if (ch.getStatus() != Status.VALID) {
            throw AcmeErrors.challengeFailed(domain, problem(ch.getError()), false, 0);
        }
        progress.line("Challenge: the CA confirmed " + domain + "; the TXT record may be removed now.");
    }

    /** Polls until {@code resource} reaches {@code goal} or fails, honouring the CA's Retry-After and Cancel. */
    private void waitFor(PollableResource resource, Status goal, Cancellation cancel, URI dir) throws AcmeFailure {
        long end = System.nanoTime() + CA_LIMIT.toNanos();
        long pause = 100;
        while (true) {
            cancel.check();
            Optional<Instant> retry = call(dir, resource::fetch);
            Status s = resource.getStatus();
            if (s == goal || s == Status.INVALID || s == Status.VALID || s == Status.EXPIRED
                    || s == Status.DEACTIVATED || s == Status.REVOKED || s == Status.CANCELED) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AcmeFailure(FindingCode.ACME_CA_ERROR, "The certificate authority did not finish within "
                        + CA_LIMIT.toMinutes() + " minutes (still " + s.name().toLowerCase(Locale.ROOT) + ").",
                        "Try again later; the CA may be busy.");
            }
            long wait = retry.map(r -> Duration.between(clock.instant(), r).toMillis()).orElse(pause);
            cancel.sleep(Math.max(50, Math.min(wait, 5000)));
            pause = Math.min(pause * 2, 3000);
        }
    }

    private static Problem problem(Optional<Problem> p) throws AcmeFailure {
        return p.orElseThrow(() -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED, "The certificate authority "
                + "could not confirm control of the name and gave no reason.", "Check the settings and try again."));
    }

    private static AcmeFailure orderFailed(Order order, URI dir) {
        return order.getError().map(AcmeErrors::refused).orElseGet(() -> new AcmeFailure(FindingCode.ACME_CA_ERROR,
                "The certificate authority at " + dir + " did not issue the certificate (order "
                        + order.getStatus().name().toLowerCase(Locale.ROOT) + ").", "Try again; if it keeps failing, quote "
                                + "this message to the CA."));
    }

    private Login login(Session session, KeyPair key, AcmeRequest request, boolean hasTerms, URI dir)
            throws AcmeFailure {
        AccountBuilder b = new AccountBuilder().useKeyPair(key);
        if (hasTerms) {
            b.agreeToTermsOfService();
        }
        if (request.email() != null) {
            b.addEmail(request.email());
        }
        return call(dir, () -> b.createLogin(session));
    }

    /** The failure for terms not agreed to, naming where they are. */
    public static AcmeFailure termsNotAgreed(URI terms) {
        return new AcmeFailure(FindingCode.ACME_TERMS_NOT_AGREED, "The certificate authority's terms of service "
                + "must be agreed to first: " + terms, "Read them at " + terms + " and agree to them.");
    }

    static URI directoryUri(String directory) throws AcmeFailure {
        try {
            return AcmeDirectories.resolve(directory);
        } catch (IllegalArgumentException e) {
            throw new AcmeFailure(FindingCode.ACME_DIRECTORY_INVALID, e.getMessage(),
                    "Use the CA's ACME directory URL, e.g. one ending in /directory.");
        }
    }

    private Session session(String directory, List<Path> trustFiles) throws AcmeFailure {
        URI dir = directoryUri(directory);
        List<X509Certificate> roots = new ArrayList<>();
        try {
            for (Path p : trustFiles) {
                roots.addAll(new CertificateService().read(List.of(Source.file(p)), null, null).certificates());
            }
        } catch (IOException e) {
            throw new AcmeFailure(FindingCode.FILE_UNREADABLE, "The trusted root file could not be read: "
                    + AcmeErrors.oneLine(e.getMessage()) + ".", "Check the path of the CA's root certificate.");
        }
        return new Session(dir, new TrustingProvider(roots));
    }

    private Metadata metadata(Session session) throws AcmeFailure {
        return call(session.getServerUri(), session::getMetadata);
    }

    private interface CaCall<T> {
        T call() throws AcmeException;
    }

    private <T> T call(URI dir, CaCall<T> c) throws AcmeFailure {
        try {
            return c.call();
        } catch (AcmeException e) {
            throw AcmeErrors.of(e, dir, clock);
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw AcmeErrors.of(e, dir, clock);
        }
    }

    private static void stage(Progress progress, AcmeStage stage, String text) {
        progress.stage(text, stage.fraction());
    }
}
