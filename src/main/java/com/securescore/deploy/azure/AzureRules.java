package com.securescore.deploy.azure;

import com.securescore.cert.CheckReport;
import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import java.util.regex.Pattern;

/**
 * The per-target rules, checked before anything is written or sent. Azure checks most of these
 * only after minutes of provisioning, or never (the SDK only checks that the PEM files exist), so
 * catching them here saves a failed deployment.
 */
final class AzureRules {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w.()]{0,89}[-\\w()]");
    private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9][-\\w]{2,32}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{1,30}[a-z0-9]");
    private static final Pattern COMPUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,14}[A-Za-z0-9]");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]{1,40}");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][-\\w.]{0,126}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][-\\w.:]{0,254}");
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private AzureRules() {
    }

    /** The certificate must be checked without errors and come with its key. */
    static void certificate(CheckReport report) throws AzureRuleException {
        if (report == null || report.leaf() == null) {
            throw new AzureRuleException("certificate", "No certificate was given: choose the certificate (and its "
                    + "key) first; every Azure target needs the full chain.");
        }
        if (!report.ok()) {
            throw new AzureRuleException("certificate", "The certificate has errors for " + report.domain()
                    + ": fix them first (securescore check lists them with their fixes); Azure would accept the "
                    + "files and fail later, inside the service.");
        }
        if (report.key() == null) {
            throw new AzureRuleException("key", "No private key matches the certificate: add it with --key (or in "
                    + "the Certificate step). SSL is enabled, you must provide a SSL certificate, key, and cname.");
        }
    }

    /** Subscription, resource group and workspace: present and spelled as Azure allows. */
    static void workspace(AzureSettings s) throws AzureRuleException {
        subscription(s);
        resourceGroup(s);
        require("workspace", s.workspace(), WORKSPACE, "the Azure ML workspace name (3-33 letters, digits, '-' "
                + "or '_', starting with a letter or digit)");
    }

    static void subscription(AzureSettings s) throws AzureRuleException {
        require("subscription", s.subscription(), GUID, "the subscription ID, a GUID such as "
                + "00000000-0000-0000-0000-000000000000 (az account show --query id -o tsv)");
    }

    static void resourceGroup(AzureSettings s) throws AzureRuleException {
        require("resource-group", s.resourceGroup(), RESOURCE_GROUP, "the resource group name (1-90 letters, "
                + "digits, '-', '_', '.', '(' or ')', not ending in '.')");
    }

    /**
     * The region names the service host (not needed when the host is given outright) or is the
     * resource's location ({@code always}).
     */
    static void region(AzureSettings s, boolean always, String why) throws AzureRuleException {
        if (always || s.apiBase() == null) {
            require("region", s.region(), REGION, "the workspace's Azure region, e.g. eastus or westeurope ("
                    + why + ")");
        }
    }

    static void serviceName(AzureSettings s) throws AzureRuleException {
        require("service-name", s.serviceName(), SERVICE, "the web service name: 3-32 lower-case letters, digits "
                + "or '-', starting with a letter and ending with a letter or digit");
    }

    static void computeName(AzureSettings s, String what) throws AzureRuleException {
        require("compute-name", s.computeName(), COMPUTE, what + ": 2-16 letters, digits or '-', starting with a "
                + "letter and ending with a letter or digit");
    }

    static void plainName(String field, String value, String what) throws AzureRuleException {
        require(field, value, PLAIN_NAME, what);
    }

    /** A registered image's or model's ID, such as myimage:1 (goes into the body only). */
    static void id(String field, String value, String what) throws AzureRuleException {
        require(field, value, ID, what);
    }

    static void secretName(String value) throws AzureRuleException {
        require("ssl-secret", value, K8S_NAME, "a Kubernetes Secret name in namespace azureml (lower-case letters, "
                + "digits, '-' and '.')");
    }

    /** The cname must be a valid name and the very name the certificate was checked for. */
    static String cname(AzureSettings s, CheckReport report) throws AzureRuleException {
        String cname = s.cname() != null ? s.cname() : report.domain();
        DomainCheck check = DomainNames.check(cname);
        if (!check.valid()) {
            throw new AzureRuleException("cname", "The cname \"" + cname + "\" is not a valid service name: "
                    + check.reason() + " " + check.fix());
        }
        if (!check.name().equals(report.domain())) {
            throw new AzureRuleException("cname", "The cname " + check.name() + " is not the name the certificate "
                    + "was checked for (" + report.domain() + "): clients would reject the certificate. Use "
                    + report.domain() + " as the cname, or check the certificate for " + check.name() + ".");
        }
        return check.name();
    }

    static void dnsLabel(String field, String value, String what) throws AzureRuleException {
        require(field, value, DNS_LABEL, what + ": 3-63 lower-case letters, digits or '-', starting with a letter "
                + "and ending with a letter or digit");
    }

    static void positive(String field, double value, String what) throws AzureRuleException {
        if (!(value > 0)) {
            throw new AzureRuleException(field, "Invalid configuration, " + what + " must be positive.");
        }
    }

    private static void require(String field, String value, Pattern pattern, String what) throws AzureRuleException {
        if (value == null || value.isBlank()) {
            throw new AzureRuleException(field, "--" + field + " is missing: give " + what + ".");
        }
        if (!pattern.matcher(value).matches()) {
            throw new AzureRuleException(field, "--" + field + " \"" + value + "\" is not valid: give " + what + ".");
        }
    }
}
