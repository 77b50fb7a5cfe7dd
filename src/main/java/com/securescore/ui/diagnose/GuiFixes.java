package com.securescore.ui.diagnose;

import com.securescore.diagnose.ErrorTexts;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fixes the Diagnose window shows. The core's fixes are written for the command line and name its
 * options and commands; in the window the fix is a field or a button that does it. Most findings take
 * their own fix on screen ({@link Finding#fixOnScreen()}); the few the window can act on itself (give
 * the root and diagnose again, the key file, Connect to) are said here in the window's own terms.
 */
final class GuiFixes {
    /** A command-line option ("--trust", "-CAfile"), a securescore command, or an environment variable. */
    static final Pattern COMMAND_LINE = Pattern.compile("(^|[\\s(])--?[A-Za-z][A-Za-z-]+|securescore [a-z]"
            + "|\\b[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}\\b");

    /** Codes whose fix is "give the client the root": the window offers to choose the root file and diagnose again. */
    static final Set<FindingCode> ROOT_MISSING = EnumSet.of(FindingCode.UNTRUSTED_ROOT, FindingCode.CHAIN_INCOMPLETE,
            FindingCode.SELF_SIGNED, FindingCode.CERT_UNTRUSTED);

    private static final String ROOT_FIX = "The server is fine: clients need its CA's root as their trusted root. "
            + "Choose the root CA file below and diagnose again; give the same file to every client.";
    private static final String LEAF_ONLY_FIX = "If the certificate's issuer is a root, clients only need it as "
            + "their trusted root: choose the root CA file below and diagnose again. If the issuer is an "
            + "intermediate, the server must send it after its certificate (the full chain).";
    private static final String SELF_SIGNED_FIX = "Clients must be given this certificate (or the development CA) as "
            + "their trusted root: choose that file below and diagnose again. For production, use a certificate "
            + "from a CA.";
    private static final String TRUST_FIX = "Give the client the CA's root as its trusted root; if the server sends "
            + "its certificate without the intermediate, it must send the full chain. Diagnose the endpoint with the "
            + "root chosen as Trusted root: it tells which.";
    private static final String DIAGNOSE_FIX = "Diagnose the endpoint (the Endpoint tab): it names the cause this "
            + "message does not state.";
    private static final String CONVERT_FIX = "Check the file in the Certificate step: it reads every form, says what "
            + "the file is, and saves clean PEM files (the certificate chain and an unencrypted key).";

    private static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("pem-no-start-line", CONVERT_FIX),
            Map.entry("key-values-mismatch", "Use the key made with this certificate's request; the Certificate step "
                    + "finds the pair among the files you give it."),
            Map.entry("go-key-mismatch", "Put the certificate's own key in the Secret's tls.key: the Certificate step "
                    + "finds the pair and saves it as a Kubernetes Secret."),
            Map.entry("netty-invalid-key", "Save the key as an unencrypted PKCS#8 key: the Certificate step writes "
                    + "privkey.pem in that form."),
            Map.entry("netty-invalid-certs", CONVERT_FIX),
            Map.entry("go-no-pem", CONVERT_FIX),
            Map.entry("bad-decrypt", "Check the password; the Certificate step asks for it when it opens the key or "
                    + ".pfx."),
            Map.entry("local-issuer", TRUST_FIX),
            Map.entry("local-issuer-above-intermediate", "The server is fine: give the client the CA's root as its "
                    + "trusted root. Diagnose the endpoint with the root chosen as Trusted root to confirm it."),
            Map.entry("self-signed-in-chain", TRUST_FIX),
            Map.entry("pkix", TRUST_FIX),
            Map.entry("go-unknown-authority", TRUST_FIX),
            Map.entry("browser-authority", TRUST_FIX),
            Map.entry("dotnet-chain", TRUST_FIX),
            Map.entry("verify-failed", DIAGNOSE_FIX),
            Map.entry("dotnet-invalid", DIAGNOSE_FIX),
            Map.entry("connect-failed", DIAGNOSE_FIX),
            Map.entry("alert", "Diagnose the endpoint (the Endpoint tab): it names the alert, or says when the server "
                    + "demands a client certificate; check the server's TLS settings."),
            Map.entry("dns", "Check the name and its DNS record (the wizard's DNS step); meanwhile diagnose with the "
                    + "service's address in Connect to."));

    /** The explanations whose fix in the window is to diagnose the endpoint: the window shows a button that does. */
    private static final Set<String> DIAGNOSED = Set.of("local-issuer", "local-issuer-above-intermediate",
            "self-signed-in-chain", "pkix", "go-unknown-authority", "browser-authority", "dotnet-chain",
            "verify-failed", "dotnet-invalid", "connect-failed", "alert");

    private GuiFixes() {
    }

    /** The fix for a finding as the window says it. */
    static String of(Finding f) {
        return switch (f.code()) {
            case UNTRUSTED_ROOT -> ROOT_FIX;
            case CERT_UNTRUSTED -> "The client refused the certificate as untrusted: choose the root CA file clients "
                    + "use below and diagnose again; it then tells whether the root or an intermediate is missing.";
            case CHAIN_INCOMPLETE -> f.fix() + " " + LEAF_ONLY_FIX;
            case SELF_SIGNED -> SELF_SIGNED_FIX;
            case DNS_FAILED -> "Check the name and its DNS record (the wizard's DNS step); to test before DNS is set "
                    + "up, type the service's address in Connect to and diagnose again.";
            case AUTH_REJECTED -> "Choose the service's current keys file (primary or secondary key) as Key file; if "
                    + "it expects \"Bearer\" (AKS), tick \"Send the key as Bearer KEY\". Then diagnose again.";
            // Else the finding's own fix on screen: the registry's wizard text for its code.
            default -> f.fixOnScreen();
        };
    }

    /** The fix for an explained error message as the window says it. */
    static String of(ErrorTexts.Explanation e) {
        return EXPLANATIONS.getOrDefault(e.id(), withoutCommandLine(e.fix()));
    }

    /** True when the window's fix for this explanation is to diagnose the endpoint: it shows a button that does. */
    static boolean diagnoses(ErrorTexts.Explanation e) {
        return DIAGNOSED.contains(e.id());
    }

    /** The core's text, if it names nothing of the command line; else the sentences that do not. */
    private static String withoutCommandLine(String fix) {
        if (!COMMAND_LINE.matcher(fix).find()) {
            return fix;
        }
        StringBuilder kept = new StringBuilder();
        for (String sentence : fix.split("(?<=[.;])\\s+")) {
            if (!COMMAND_LINE.matcher(sentence).find()) {
                kept.append(kept.isEmpty() ? "" : " ").append(sentence);
            }
        }
        return kept.toString().strip();
    }
}
