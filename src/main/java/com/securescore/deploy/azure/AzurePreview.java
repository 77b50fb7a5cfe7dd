package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.securescore.service.AuthKeys;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A request body fit to show: PEM certificates shortened to a count, the private key and auth keys
 * never shown, base64 protected settings reduced to their length. Field names and every other
 * value stay exactly as sent, so a person can still check the request.
 */
public final class AzurePreview {
    private static final Set<String> AUTH_KEYS = Set.of("primaryKey", "secondaryKey");

    private AzurePreview() {
    }

    public static JsonNode of(JsonNode body) {
        JsonNode copy = body.deepCopy();
        walk(copy, null);
        return copy;
    }

    private static void walk(JsonNode node, String name) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getValue().isTextual()) {
                    e.setValue(new TextNode(shorten(e.getKey(), e.getValue().asText())));
                } else {
                    walk(e.getValue(), e.getKey());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, new TextNode(shorten(name, item.asText())));
                } else {
                    walk(item, name);
                }
            }
        }
    }

    /** What a value looks like on screen. */
    static String shorten(String field, String value) {
        if (value.contains("PRIVATE KEY-----")) {
            return "(private key, PEM, " + value.length() + " characters: not shown)";
        }
        if (value.contains("-----BEGIN CERTIFICATE-----")) {
            int count = value.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
            return "(PEM: " + count + " certificate" + (count == 1 ? "" : "s") + ", leaf first, " + value.length()
                    + " characters)";
        }
        if (field != null && field.startsWith("scoringFe.ssl") && !field.equals("scoringFe.sslSecret")) {
            return field.endsWith("Key") ? "(base64 of the private key, " + value.length() + " characters: not shown)"
                    : "(base64 of the full chain PEM, " + value.length() + " characters)";
        }
        if (field != null && AUTH_KEYS.contains(field)) {
            return AuthKeys.mask(value);
        }
        return value;
    }
}
