package com.securescore.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what the API server (or the network) answered into a sentence a person can act on: which
 * right is missing and how to grant it, which field the cluster refused and why, why the cluster
 * cannot be reached.
 */
final class KubernetesProblems {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "User \"([^\"]+)\" cannot (\\w+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?"
                    + "(?: in the namespace \"([^\"]+)\")?");

    private KubernetesProblems() {
    }

    /**
     * @param doing what was being done, e.g. "create the Secret securescore-tls"
     * @param server the API server's address, for unreachable clusters
     */
    static KubernetesDeployException explain(Throwable failure, String doing, String server, String context) {
        KubernetesClientException k = find(failure, KubernetesClientException.class);
        if (k != null && k.getCode() > 0) {
            return new KubernetesDeployException(fromStatus(k, doing, context), failure);
        }
        Throwable network = network(failure);
        if (network != null) {
            return new KubernetesDeployException("The cluster at " + server + " cannot be reached to " + doing + ": "
                    + describe(network) + ". Check that the context" + (context == null ? "" : " \"" + context + "\"")
                    + " points at a running cluster and that this machine can reach it (VPN, firewall, proxy).",
                    failure);
        }
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new KubernetesDeployException("Could not " + doing + ": " + why, failure);
    }

    private static String fromStatus(KubernetesClientException k, String doing, String context) {
        Status status = k.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : k.getMessage();
        switch (k.getCode()) {
            case 401:
                return "The cluster did not accept the credentials of context " + quoted(context) + " (401 "
                        + "Unauthorized) while trying to " + doing + ". The token or client certificate has expired or "
                        + "is wrong: fetch fresh credentials (e.g. az aks get-credentials, gcloud container clusters "
                        + "get-credentials, aws eks update-kubeconfig) and try again.";
            case 403:
                return forbidden(message, doing);
            case 422:
                return "The cluster refused to " + doing + " (422 Invalid): " + causes(status, message);
            case 409:
                return "The cluster refused to " + doing + " (409 Conflict): " + message + ". Another tool manages "
                        + "this object; remove it or choose another name (--name).";
            case 404:
                return "Not found while trying to " + doing + " (404): " + message + ".";
            default:
                return "The cluster answered " + k.getCode() + " while trying to " + doing + ": " + message;
        }
    }

    private static String forbidden(String message, String doing) {
        Matcher m = FORBIDDEN.matcher(message == null ? "" : message);
        if (!m.find()) {
            return "The cluster refused to " + doing + " (403 Forbidden): " + message + ". Ask a cluster "
                    + "administrator for the rights listed in the README (Kubernetes target).";
        }
        String user = m.group(1);
        String verb = m.group(2);
        String resource = m.group(3);
        String group = m.group(4);
        String namespace = m.group(5);
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        String where = namespace == null ? "in the cluster" : "in namespace " + namespace;
        String grant = namespace == null
                ? "kubectl create clusterrole securescore-namespaces --verb=get,create --resource=namespaces\n"
                    + "  kubectl create clusterrolebinding securescore-namespaces --clusterrole=securescore-namespaces "
                    + "--user=" + user + "\n(or create the namespace yourself first, as an administrator)"
                : "kubectl -n " + namespace + " create role securescore-deployer --verb=get,list,watch,create,patch,"
                    + "update --resource=secrets,services,deployments.apps,ingresses.networking.k8s.io,pods,pods/log\n"
                    + "  kubectl -n " + namespace + " create rolebinding securescore-deployer --role=securescore-deployer "
                    + "--user=" + user;
        return "The account \"" + user + "\" may not " + verb + " " + qualified + " " + where + " (403 Forbidden), so "
                + "SecureScore could not " + doing + ". A cluster administrator can grant what a deployment needs:\n  "
                + grant;
    }

    private static String causes(Status status, String message) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null
                || status.getDetails().getCauses().isEmpty()) {
            return message;
        }
        StringBuilder out = new StringBuilder();
        for (StatusCause cause : status.getDetails().getCauses()) {
            if (out.length() > 0) {
                out.append("; ");
            }
            if (cause.getField() != null) {
                out.append(cause.getField()).append(": ");
            }
            out.append(cause.getMessage());
        }
        return out.toString();
    }

    private static Throwable network(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof HttpTimeoutException
                    || t instanceof SSLException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return t;
            }
        }
        IOException io = find(failure, IOException.class);
        return io;
    }

    private static String describe(Throwable t) {
        if (t instanceof ConnectException) {
            return "the connection was refused (nothing listens there)";
        }
        if (t instanceof UnknownHostException) {
            return "its name does not resolve (" + t.getMessage() + ")";
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            return "it did not answer in time";
        }
        if (t instanceof SSLException) {
            return "the TLS handshake failed (" + t.getMessage() + "): the kubeconfig's certificate-authority does not "
                    + "match the server";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String quoted(String context) {
        return context == null ? "(current)" : "\"" + context + "\"";
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
