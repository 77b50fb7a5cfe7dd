package com.securescore.ui.certificate;

import java.util.List;
import javafx.stage.FileChooser.ExtensionFilter;

/**
 * What each of the Certificate step's open dialogs lists. The first filter is the one selected when the
 * dialog opens, so it must show every file that chooser is for; "All files" is always there for names no
 * filter knows (SecureScore reads by content, never by name).
 */
final class CertificateFileFilters {
    private static final ExtensionFilter ALL = new ExtensionFilter("All files", "*");

    /** "Choose key file…": keys in every form SecureScore reads, and bundles that hold one. */
    static final List<ExtensionFilter> KEYS = List.of(
            new ExtensionFilter("Private keys and bundles (*.key, *.pem, *.der, *.p8, *.pk8, *.p12, *.pfx)",
                    "*.key", "*.pem", "*.der", "*.p8", "*.pk8", "*.p12", "*.pfx"),
            new ExtensionFilter("Private keys (*.key, *.pem, *.der, *.p8, *.pk8)", "*.key", "*.pem", "*.der", "*.p8",
                    "*.pk8"),
            new ExtensionFilter("PKCS#12 bundles (*.p12, *.pfx)", "*.p12", "*.pfx"),
            ALL);

    /** "Choose files…": certificates, chains, bundles and keystores, and keys given with them. */
    static final List<ExtensionFilter> CERTIFICATES = List.of(
            new ExtensionFilter("Certificates, bundles, keystores and keys", "*.pem", "*.crt", "*.cer", "*.der",
                    "*.ca-bundle", "*.p7b", "*.p7c", "*.pfx", "*.p12", "*.jks", "*.jceks", "*.keystore", "*.key",
                    "*.p8", "*.pk8", "*.txt"),
            new ExtensionFilter("Certificates and chains (*.pem, *.crt, *.cer, *.der, *.ca-bundle, *.p7b, *.p7c)",
                    "*.pem", "*.crt", "*.cer", "*.der", "*.ca-bundle", "*.p7b", "*.p7c"),
            new ExtensionFilter("Bundles and keystores (*.pfx, *.p12, *.jks, *.jceks, *.keystore)", "*.pfx", "*.p12",
                    "*.jks", "*.jceks", "*.keystore"),
            ALL);

    /** "Choose the issuer's file…": a CA's certificate or bundle. */
    static final List<ExtensionFilter> ISSUER = List.of(
            new ExtensionFilter("Certificates and CA bundles (*.pem, *.crt, *.cer, *.der, *.ca-bundle, *.p7b, *.p7c)",
                    "*.pem", "*.crt", "*.cer", "*.der", "*.ca-bundle", "*.p7b", "*.p7c", "*.txt"),
            ALL);

    private CertificateFileFilters() {
    }
}
