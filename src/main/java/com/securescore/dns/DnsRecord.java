package com.securescore.dns;

/**
 * One record to create at the DNS provider, as its form asks for it.
 *
 * @param type        A, AAAA, CNAME, or ALIAS (a provider's CNAME-like record allowed at a zone apex)
 * @param name        the full name, e.g. scoring.contoso.com
 * @param host        the name relative to the zone, as most providers' forms want it: "scoring" in
 *                    contoso.com, "@" for the apex
 * @param zone        the zone it goes in (a guess from the name: its last two labels)
 * @param value       the address or host name it points at, or a placeholder in angle brackets
 *                    ({@code <container group IP address>}) when the deployment has not said yet
 */
public record DnsRecord(String type, String name, String host, String zone, String value) {
    /** True when the value is still to be filled in by the person (nothing deployed yet, or unknown). */
    public boolean placeholder() {
        return value.startsWith("<");
    }

    /** The record in master-file form, e.g. {@code scoring.contoso.com. 300 IN A 20.50.1.10}. */
    public String zoneLine() {
        String v = "CNAME".equals(type) || "ALIAS".equals(type) ? value + "." : value;
        return name + ". 300 IN " + type + " " + v;
    }
}
