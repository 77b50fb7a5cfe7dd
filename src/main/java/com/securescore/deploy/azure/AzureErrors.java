package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Azure's error answers into findings a person can act on. Two body forms exist: Resource
 * Manager's {@code {"error":{"code","message","details":[...]}}} and the v1 model-management
 * service's {@code {"code","statusCode","message","details":[...]}}; both are read.
 */
final class AzureErrors {
    private static final Pattern ACTION = Pattern.compile("action '([^']+)'");

    private AzureErrors() {
    }

    /** The service's code and message from an error body (either form), or nulls when there is none. */
    record ServiceError(String code, String message) {
        String text() {
            if (message == null && code == null) {
                return "";
            }
            return (code == null ? "" : code + ": ") + (message == null ? "" : message);
        }
    }

    static ServiceError read(String body) {
        JsonNode root;
        try {
            root = AzureRequests.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            String text = body == null ? "" : body.strip();
            return new ServiceError(null, text.isEmpty() ? null : first(text, 300));
        }
        return read(root);
    }

    static ServiceError read(JsonNode root) {
        JsonNode error = root.has("error") && root.get("error").isObject() ? root.get("error") : root;
        String code = text(error, "code");
        String message = text(error, "message");
        StringBuilder details = new StringBuilder();
        JsonNode list = error.get("details");
        if (list != null && list.isArray()) {
            for (JsonNode d : list) {
                String dc = text(d, "code");
                String dm = text(d, "message");
                if (dm != null) {
                    details.append(' ').append(dc == null ? "" : dc + ": ").append(dm);
                }
            }
        }
        if (details.length() > 0) {
            message = (message == null ? "" : message) + " Details:" + details;
        }
        return new ServiceError(code, message);
    }

    static AzureServiceException forStatus(int status, String body, URI uri, long retryAfterSeconds) {
        ServiceError e = read(body);
        String said = e.text().isEmpty() ? "" : " Azure said: " + e.text();
        return switch (status) {
            case 400 -> new AzureServiceException(status, e.code(), "Azure rejected the request as invalid." + said,
                    "Correct what the message names and send again; the exported JSON shows exactly what was sent.");
            case 401 -> new AzureServiceException(status, e.code(), "Azure did not accept the access token: it has "
                    + "expired, or was issued for another tenant or resource." + said,
                    "Get a fresh token: az login (az login --tenant TENANT_ID when the subscription is in another "
                    + "directory), then az account get-access-token --resource https://management.azure.com/ "
                    + "--query accessToken -o tsv > token.txt and pass --token-file token.txt.");
            case 403 -> new AzureServiceException(status, e.code(), "Your identity may not do this"
                    + action(e) + "." + said,
                    "Ask an owner of the workspace or resource group for the Contributor role there (for ACI "
                    + "services, AzureML Data Scientist is enough), then get a fresh token.");
            case 404 -> new AzureServiceException(status, e.code(), "Azure found no such workspace, resource group "
                    + "or account at " + uri.getHost() + "." + said,
                    "Check --subscription, --resource-group and --workspace (or --account) for typos, and that "
                    + "--region is the workspace's region (az ml workspace show).");
            case 409 -> new AzureServiceException(status, e.code(), "The name is taken: a service or compute with "
                    + "that name already exists, or an operation on it is still running." + said,
                    "Choose another --service-name / --compute-name, or update the existing one (the export "
                    + "holds the update request), or wait for the running operation to finish.");
            case 429, 503 -> new AzureServiceException(status, e.code(), "Azure is busy (" + status + ") and still "
                    + "asked to wait after several retries." + said,
                    "Wait " + (retryAfterSeconds > 0 ? retryAfterSeconds + " seconds" : "a few minutes")
                            + " and send again.");
            default -> new AzureServiceException(status, e.code(), "Azure answered " + status + "." + said,
                    status >= 500 ? "A service-side failure: try again later; if it persists, quote the message "
                            + "to Azure support." : "Check the request against the message.");
        };
    }

    /** An operation that ended Failed or Canceled. */
    static AzureServiceException operationEnded(String state, JsonNode body) {
        ServiceError e = read(body);
        boolean cancelled = state.toLowerCase(Locale.ROOT).startsWith("cancel");
        return new AzureServiceException(0, e.code(), "The Azure operation ended " + state + "."
                + (e.text().isEmpty() ? "" : " Azure said: " + e.text()),
                cancelled ? "Someone or something cancelled it in Azure; send again when ready."
                        : "Fix what the message names (often the certificate, key or name) and send again.");
    }

    private static String action(ServiceError e) {
        if (e.message() == null) {
            return "";
        }
        Matcher m = ACTION.matcher(e.message());
        return m.find() ? " (missing permission for " + m.group(1) + ")" : "";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String first(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
