package com.securescore.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what Jib throws into what a person can act on: which registry, what it said, whose
 * credentials were tried and from where, which CA to pass, where the disk is full.
 */
final class ImageProblems {
    private final ImageBuilder.Request request;
    private final ImageReference target;
    private final ImageReference base;
    private final RegistryCredentials credentials;
    private final Optional<RegistryCredentials.Credential> pushAs;
    private final Optional<RegistryCredentials.Credential> pullAs;

    ImageProblems(ImageBuilder.Request request, ImageReference target, ImageReference base,
            RegistryCredentials credentials, Optional<RegistryCredentials.Credential> pushAs,
            Optional<RegistryCredentials.Credential> pullAs) {
        this.request = request;
        this.target = target;
        this.base = base;
        this.credentials = credentials;
        this.pushAs = pushAs;
        this.pullAs = pullAs;
    }

    ImageBuildException explain(Exception e) {
        if (e instanceof ImageBuildException already) {
            return already;
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            ImageBuildException found = explainOne(t);
            if (found != null) {
                return found;
            }
        }
        return new ImageBuildException("The image was not built: " + describe(root) + ".", e);
    }

    private ImageBuildException explainOne(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (t instanceof RegistryUnauthorizedException u) {
            boolean pull = isBase(u.getImageReference());
            String registry = pull ? base.getRegistry() : target.getRegistry();
            int status = u.getHttpResponseException() == null ? 401 : u.getHttpResponseException().getStatusCode();
            Optional<RegistryCredentials.Credential> sent = pull ? pullAs : pushAs;
            if (status == 403) {
                return new ImageBuildException("The registry " + registry + " refused (403 Forbidden) to let "
                        + sent.map(c -> "the user " + c.user()).orElse("an anonymous client") + (pull
                        ? " pull the base image " + base : " push to " + target.getRepository()) + ": the credentials "
                        + "are valid but lack that right. Credentials tried: " + credentials.tried(registry, sent)
                        + ". Ask the registry's owner for " + (pull ? "pull" : "push") + " rights on that repository, "
                        + "or push to one you own.", t);
            }
            return new ImageBuildException(ImageBuildException.Kind.CREDENTIALS, "The registry " + registry
                    + " refused the credentials (401 Unauthorized) "
                    + (pull ? "to pull the base image " + base : "to push " + target) + ". Credentials tried: "
                    + credentials.tried(registry, sent) + ". " + (sent.isPresent() ? "Check the user name and the "
                    + "password (or access token)." : "Give a registry user and password, or log in with docker login "
                    + registry + " (SecureScore reads the Docker config)."), t);
        }
        if (t instanceof RegistryAuthenticationFailedException) {
            return new ImageBuildException("The registry's token service refused the credentials: " + message
                    + ". Credentials tried: " + credentials.tried(target.getRegistry(), pushAs) + ".", t);
        }
        if (t instanceof InsecureRegistryException || t instanceof SSLException) {
            return untrusted(t);
        }
        if (t instanceof RegistryException && message.contains("manifest")
                && (message.contains("MANIFEST_UNKNOWN") || message.toLowerCase(Locale.ROOT).contains("unknown")
                || message.contains("not found"))) {
            return new ImageBuildException("The base image " + request.base() + " does not exist in its registry ("
                    + message.replaceFirst("^Tried to ", "tried to ") + "). Check the name and tag, or name another "
                    + "base image with a Java 17 runtime, e.g. " + ImageBuilder.DEFAULT_BASE + ".", t);
        }
        if (t instanceof UnknownHostException) {
            return new ImageBuildException("The registry host " + message + " is unknown (DNS found no such name, or "
                    + "this machine is offline). Check the image name" + (base != null && message.contains(
                    base.getRegistry()) && !base.getRegistry().equals(target.getRegistry()) ? " of the base image "
                    + request.base() + " (an air-gapped machine: push a Java 17 base image to your registry and "
                    + "build from it, or from a saved docker archive, tar://FILE)" : "") + ".", t);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException) {
            return new ImageBuildException("The registry cannot be reached (" + describe(t) + "). Is it running, "
                    + "and is the host and port in " + (message.contains(target.getRegistry()) || base == null
                    ? target : request.base()) + " right?", t);
        }
        if (message.contains("No space left on device")) {
            return new ImageBuildException("No space left on the disk while building the image (" + message
                    + "). Free some space, or point SECURESCORE_CACHE_DIR at a larger disk; nothing was pushed.", t);
        }
        return null;
    }

    private boolean isBase(String imageReference) {
        return base != null && imageReference != null && imageReference.contains(base.getRepository())
                && !(imageReference.contains(target.getRepository()) && target.getRegistry().equals(
                base.getRegistry()) && target.getRepository().equals(base.getRepository()));
    }

    private ImageBuildException untrusted(Throwable t) {
        String registry = base != null && t.getMessage() != null && t.getMessage().contains(base.getRegistry())
                && !base.getRegistry().equals(target.getRegistry()) ? base.getRegistry() : target.getRegistry();
        return RegistryConnection.untrusted(registry, !request.trust().isEmpty(), t);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
