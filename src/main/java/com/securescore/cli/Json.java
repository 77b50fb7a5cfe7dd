package com.securescore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.findings.Finding;
import java.io.PrintWriter;
import java.util.List;

/** The one JSON writer for {@code --json}: stdout then holds exactly one pretty-printed document. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Adds {@code "findings": [{"code","severity","message","fix"}]}, the shape every command shares. */
    public static void putFindings(ObjectNode node, List<Finding> findings) {
        var array = node.putArray("findings");
        for (Finding f : findings) {
            array.addObject()
                    .put("code", f.code().name())
                    .put("severity", f.severity().word())
                    .put("message", f.message())
                    .put("fix", f.fix());
        }
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }
}
