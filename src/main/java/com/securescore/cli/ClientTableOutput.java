package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.ClientSupport;
import java.io.PrintWriter;
import java.util.List;

/** The client table as {@code check} and {@code diagnose} print it: text for people, JSON for scripts. */
final class ClientTableOutput {
    private ClientTableOutput() {
    }

    static void print(PrintWriter out, List<ClientSupport.Verdict> table) {
        out.println();
        out.println("Which clients accept it (given the same trusted roots):");
        for (ClientSupport.Verdict v : table) {
            out.println("  " + (v.accepts() ? "accepts " : "REFUSES ") + v.client().label()
                    + (v.reasons().isEmpty() ? "" : ": " + String.join("; ", v.reasons())));
        }
    }

    static void put(ObjectNode node, List<ClientSupport.Verdict> table) {
        ArrayNode arr = node.putArray("clients");
        for (ClientSupport.Verdict v : table) {
            ObjectNode o = arr.addObject().put("client", v.client().name()).put("label", v.client().label())
                    .put("accepts", v.accepts());
            ArrayNode reasons = o.putArray("reasons");
            v.reasons().forEach(reasons::add);
        }
    }
}
