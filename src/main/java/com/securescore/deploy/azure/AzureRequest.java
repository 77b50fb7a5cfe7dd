package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * One HTTP request exactly as Azure reads it. {@code holdsKey} marks bodies that carry the private
 * key: they are written owner-only and never shown in full; {@link #toString()} leaves the body out.
 *
 * @param method      POST, PUT or PATCH
 * @param uri         the full address including the api-version
 * @param contentType application/json or application/json-patch+json
 * @param body        the JSON body
 * @param holdsKey    the body contains the private key
 * @param fileName    the name it is exported under
 * @param purpose     one line saying what it does
 * @param submitted   true for the request {@code submit} sends; false for export-only companions (an update)
 */
public record AzureRequest(String method, URI uri, String contentType, JsonNode body, boolean holdsKey,
                           String fileName, String purpose, boolean submitted) {
    @Override
    public String toString() {
        return method + " " + uri + " (" + fileName + (holdsKey ? ", holds the private key" : "") + ")";
    }
}
