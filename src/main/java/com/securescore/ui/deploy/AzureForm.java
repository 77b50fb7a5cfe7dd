package com.securescore.ui.deploy;

import com.securescore.cert.CheckReport;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AzurePlan;
import com.securescore.deploy.azure.AzureRequests;
import com.securescore.deploy.azure.AzureRuleException;
import com.securescore.deploy.azure.AzureSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Azure targets' form: one property per setting, and the core's rules run over all of them.
 * The core stops at the first broken rule; to show every field's problem at once, a field found
 * wrong is set aside (a valid stand-in takes its place) and the rules run again.
 */
final class AzureForm {
    static final String SUBSCRIPTION = "subscription";
    static final String RESOURCE_GROUP = "resource-group";
    static final String WORKSPACE = "workspace";
    static final String REGION = "region";
    static final String SERVICE_NAME = "service-name";
    static final String IMAGE_ID = "image-id";
    static final String COMPUTE_NAME = "compute-name";
    static final String LEAF_DOMAIN_LABEL = "leaf-domain-label";
    static final String ACCOUNT = "account";
    static final String MODEL_ID = "model-id";
    static final String REPLICAS = "replicas";
    static final String API_BASE = "api-base";
    static final String TOKEN = "token";
    /** Problems not tied to one field of the form (the certificate, the key, the cname). */
    static final String GENERAL = "general";

    /** The form's fields with the labels the screen shows; rule messages name fields by these. */
    static final Map<String, String> LABELS = labels();
    /** Valid stand-ins for a field found wrong, so the rules can go on to the next field. */
    private static final Map<String, String> STAND_INS = Map.of(SUBSCRIPTION, "00000000-0000-0000-0000-000000000000",
            RESOURCE_GROUP, "rg", WORKSPACE, "ws0", REGION, "eastus", SERVICE_NAME, "svc", IMAGE_ID, "image:1",
            COMPUTE_NAME, "aks0", ACCOUNT, "account", MODEL_ID, "model:1", LEAF_DOMAIN_LABEL, "label0");
    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z-]*)");

    final StringProperty subscription = new SimpleStringProperty("");
    final StringProperty resourceGroup = new SimpleStringProperty("");
    final StringProperty workspace = new SimpleStringProperty("");
    final StringProperty region = new SimpleStringProperty("");
    final StringProperty serviceName = new SimpleStringProperty("");
    final StringProperty imageId = new SimpleStringProperty("");
    final StringProperty computeName = new SimpleStringProperty("");
    final StringProperty leafDomainLabel = new SimpleStringProperty("");
    final BooleanProperty overwriteExistingDomain = new SimpleBooleanProperty(false);
    final BooleanProperty aksSuccessor = new SimpleBooleanProperty(false);
    final StringProperty account = new SimpleStringProperty("");
    final StringProperty modelId = new SimpleStringProperty("");
    final IntegerProperty replicas = new SimpleIntegerProperty(1);
    final StringProperty apiBase = new SimpleStringProperty("");

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SUBSCRIPTION, "Subscription");
        m.put(RESOURCE_GROUP, "Resource group");
        m.put(WORKSPACE, "Workspace");
        m.put(REGION, "Region");
        m.put(SERVICE_NAME, "Service name");
        m.put(IMAGE_ID, "Image ID");
        m.put(COMPUTE_NAME, "Compute name");
        m.put(LEAF_DOMAIN_LABEL, "Leaf domain label");
        m.put(ACCOUNT, "Account");
        m.put(MODEL_ID, "Model ID");
        m.put(REPLICAS, "Replicas");
        m.put(API_BASE, "API host");
        m.put(TOKEN, "Token file");
        m.put("aks-successor", "AKS successor (Kubernetes extension)");
        m.put("token-file", "Token file");
        return Map.copyOf(m);
    }

    /** The properties a typed change in should re-run the rules. */
    List<Observable> observables() {
        return List.of(subscription, resourceGroup, workspace, region, serviceName, imageId, computeName,
                leafDomainLabel, overwriteExistingDomain, aksSuccessor, account, modelId, replicas, apiBase);
    }

    /** The form's values by field, trimmed; blank means not given. */
    Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(SUBSCRIPTION, subscription.get());
        v.put(RESOURCE_GROUP, resourceGroup.get());
        v.put(WORKSPACE, workspace.get());
        v.put(REGION, region.get());
        v.put(SERVICE_NAME, serviceName.get());
        v.put(IMAGE_ID, imageId.get());
        v.put(COMPUTE_NAME, computeName.get());
        v.put(LEAF_DOMAIN_LABEL, leafDomainLabel.get());
        v.put(ACCOUNT, account.get());
        v.put(MODEL_ID, modelId.get());
        v.put(API_BASE, apiBase.get());
        v.replaceAll((k, s) -> s == null ? "" : s.trim());
        return v;
    }

    /** The core's settings from {@code values}; an unreadable API host is a rule broken on its field. */
    AzureSettings settings(Map<String, String> values) throws AzureRuleException {
        URI base = null;
        String typed = values.get(API_BASE);
        if (!typed.isEmpty()) {
            try {
                base = new URI(typed);
            } catch (URISyntaxException e) {
                base = null;
            }
            if (base == null || !"https".equals(base.getScheme()) || base.getHost() == null) {
                throw new AzureRuleException(API_BASE, "API host \"" + typed + "\" is not valid: give an https "
                        + "address such as https://eastus.api.azureml.ms, or leave it empty for Azure's public cloud.");
            }
        }
        return AzureSettings.builder().subscription(given(values, SUBSCRIPTION))
                .resourceGroup(given(values, RESOURCE_GROUP)).workspace(given(values, WORKSPACE))
                .region(given(values, REGION)).serviceName(given(values, SERVICE_NAME))
                .imageId(given(values, IMAGE_ID)).computeName(given(values, COMPUTE_NAME))
                .leafDomainLabel(given(values, LEAF_DOMAIN_LABEL)).overwriteExistingDomain(overwriteExistingDomain.get())
                .aksSuccessor(aksSuccessor.get()).account(given(values, ACCOUNT)).modelId(given(values, MODEL_ID))
                .replicas(replicas.get()).apiBase(base).build();
    }

    private static String given(Map<String, String> values, String field) {
        String v = values.get(field);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The plan, or the first rule it breaks. */
    AzurePlan plan(TargetKind target, CheckReport report) throws AzureRuleException {
        return AzureRequests.plan(target, settings(values()), report);
    }

    /**
     * Every field's problem (field → message in the screen's words), found by running the rules
     * again with each wrong field replaced by a stand-in. Empty when the plan can be made.
     */
    Map<String, String> problems(TargetKind target, CheckReport report) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> values = values();
        for (int round = 0; round < 20; round++) {
            try {
                AzureRequests.plan(target, settings(values), report);
                return problems;
            } catch (AzureRuleException e) {
                String field = LABELS.containsKey(e.field()) ? e.field() : GENERAL;
                if (problems.containsKey(field)) {
                    return problems;
                }
                problems.put(field, words(e.getMessage()));
                if (field.equals(API_BASE)) {
                    values.put(API_BASE, "");
                } else if (field.equals(LEAF_DOMAIN_LABEL) && aksSuccessor.get()) {
                    values.put(LEAF_DOMAIN_LABEL, "");
                } else if (STAND_INS.containsKey(field)) {
                    values.put(field, STAND_INS.get(field));
                } else {
                    return problems;
                }
            }
        }
        return problems;
    }

    /** A rule's message with the CLI's option names turned into the form's labels. */
    static String words(String message) {
        Matcher m = OPTION.matcher(message.replace("securescore check lists", "the Certificate step lists")
                .replace("add it with --key (or in the Certificate step)", "add it in the Certificate step"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String label = LABELS.get(m.group(1));
            String replacement = label == null ? m.group() : m.start() == 0 ? label : "\u201c" + label + "\u201d";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The fields the target asks for, in the order the form shows them. */
    static List<String> fields(TargetKind target, boolean aksSuccessor) {
        if (target == null) {
            return List.of();
        }
        return switch (target) {
            case ACI -> List.of(SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, REGION, SERVICE_NAME, IMAGE_ID, API_BASE);
            case AKS -> aksSuccessor ? List.of(SUBSCRIPTION, RESOURCE_GROUP, COMPUTE_NAME, API_BASE)
                    : List.of(SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, REGION, COMPUTE_NAME, LEAF_DOMAIN_LABEL,
                    API_BASE);
            case FPGA -> List.of(SUBSCRIPTION, RESOURCE_GROUP, ACCOUNT, REGION, MODEL_ID, SERVICE_NAME, REPLICAS,
                    API_BASE);
            default -> List.of();
        };
    }
}
