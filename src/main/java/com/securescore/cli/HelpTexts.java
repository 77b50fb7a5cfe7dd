package com.securescore.cli;

import java.util.ListResourceBundle;

/**
 * The help texts a command words its own way for an option declared once in a mixin
 * ({@link CertificateInputs}, {@link JsonOption}, {@link ConnectionOptions}): the mixin's
 * {@code description} is the default, and a key here, qualified by the command's name, replaces it
 * in that command's help only. picocli reads it as the root command's resource bundle, which
 * subcommands inherit. Parsing is the mixin's everywhere; only the words differ.
 */
public final class HelpTexts extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"securescore.check.cert", "Certificate file (may also hold the chain, the key, or be a .pfx or .jks). "
                    + "Repeatable."},
            {"securescore.check.trust", "Extra trusted root(s), e.g. a private CA. Repeatable."},
            {"securescore.convert.cert", "Certificate file(s). Repeatable."},
            {"securescore.convert.key-password-file", "Password of the key, .pfx or .jks."},
            {"securescore.convert.trust", "Extra trusted root(s), e.g. a private CA: the chain is written up to where "
                    + "it reaches one. Repeatable."},
            {"securescore.deploy.json", "Print one JSON document (progress goes to stderr)."},
            {"securescore.image.build.json", "Print one JSON document (progress goes to stderr)."},
            {"securescore.model.status.json", "Print JSON."},
            {"securescore.model.fetch.json", "Print JSON."},
            {"securescore.diagnose.connect-to", "Connect to this address instead of resolving the name, still "
                    + "checking the name."},
            {"securescore.diagnose.key-file", "The service's key (a keys file or a file holding just the key): a call "
                    + "with it must succeed."},
            {"securescore.diagnose.bearer", "Send the key as \"Bearer KEY\" (AKS)."},
            {"securescore.diagnose.route", "Send x-ms-aml-grpc-service-route for this service name (AKS)."},
        };
    }
}
