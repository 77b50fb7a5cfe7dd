package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Reads the finished resource back and picks out where it answers, per target. */
final class AzureResults {
    private AzureResults() {
    }

    static AzureResult read(AzureClient client, AzurePlan plan, String state, JsonNode operation, String token,
            Cancellation cancel, Progress progress) throws AzureServiceException, IOException {
        AzureSettings s = plan.settings();
        List<String> addresses = new ArrayList<>();
        switch (plan.target()) {
            case ACI -> {
                URI uri = URI.create(AzureRequests.mms(s) + "/services/" + s.serviceName());
                JsonNode service = client.get(uri, token, cancel, progress);
                String scoring = text(service, "scoringUri");
                add(addresses, text(service, "publicIp"));
                add(addresses, text(service, "ipAddress"));
                String host = null;
                int port = 443;
                if (scoring != null) {
                    URI u = URI.create(scoring);
                    host = u.getHost();
                    port = u.getPort() == -1 ? 443 : u.getPort();
                }
                progress.line("Scoring URI: " + (scoring == null ? "not reported yet" : scoring));
                return new AzureResult(plan.target(), plan.domain(), state, uri.toString(), scoring, host, port,
                        addresses, null, null);
            }
            case FPGA -> {
                String base = plan.submitted().uri().toString();
                String services = base.substring(0, base.indexOf('?'));
                String version = base.substring(base.indexOf('?'));
                String location = operation == null ? null : text(operation, "resourceLocation");
                String id = location != null ? location.substring(location.lastIndexOf('/') + 1) : s.serviceName();
                URI uri = URI.create(services + "/" + id + version);
                JsonNode service = client.get(uri, token, cancel, progress);
                add(addresses, text(service, "ipAddress"));
                int port = service.path("port").asInt(443);
                JsonNode keys = client.get(URI.create(services + "/" + id + "/keys" + version), token, cancel,
                        progress);
                return new AzureResult(plan.target(), plan.domain(), state, uri.toString(), null, null, port,
                        addresses, text(keys, "primaryKey"), text(keys, "secondaryKey"));
            }
            default -> {
                URI uri = plan.submitted().uri();
                JsonNode resource = client.get(uri, token, cancel, progress);
                for (JsonNode svc : resource.path("properties").path("properties").path("systemServices")) {
                    add(addresses, text(svc, "publicIpAddress"));
                }
                return new AzureResult(plan.target(), plan.domain(), state, uri.toString(), null, null, 443,
                        addresses, null, null);
            }
        }
    }

    private static void add(List<String> list, String value) {
        if (value != null && !value.isBlank() && !list.contains(value)) {
            list.add(value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
