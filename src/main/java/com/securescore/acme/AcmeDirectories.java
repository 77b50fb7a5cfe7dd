package com.securescore.acme;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where certificates are ordered: Let's Encrypt (production or staging) by name, or any ACME
 * directory URL (a company CA, a test server). Names are kept as typed in the renewal settings, so a
 * renewal follows the CA if it ever moves its directory.
 */
public final class AcmeDirectories {
    public static final String LETSENCRYPT = "letsencrypt";
    public static final String LETSENCRYPT_STAGING = "letsencrypt-staging";
    static final URI LETSENCRYPT_URL = URI.create("https://acme-v02.api.letsencrypt.org/directory");
    static final URI LETSENCRYPT_STAGING_URL = URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");

    private AcmeDirectories() {
    }

    /**
     * The directory URL for a name or URL.
     *
     * @throws IllegalArgumentException with a sentence to show when it is neither
     */
    public static URI resolve(String nameOrUrl) {
        String t = nameOrUrl == null ? "" : nameOrUrl.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case LETSENCRYPT:
                return LETSENCRYPT_URL;
            case LETSENCRYPT_STAGING:
                return LETSENCRYPT_STAGING_URL;
            default:
                break;
        }
        try {
            URI uri = new URI(t);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(notDirectory(t));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(notDirectory(t));
        }
    }

    /** True when the directory issues certificates no client trusts (staging): said before ordering. */
    public static boolean isStaging(URI directory) {
        return LETSENCRYPT_STAGING_URL.equals(directory);
    }

    private static String notDirectory(String t) {
        return "\"" + t + "\" is not a certificate authority's ACME directory: give letsencrypt, "
                + "letsencrypt-staging or the CA's https:// directory URL.";
    }
}
