package com.securescore.domain;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.util.List;

/**
 * The verdict on one service name.
 *
 * @param input   what the user typed
 * @param valid   whether the name can be the service's name
 * @param name    the normalised ASCII form (lower case, punycode, no trailing dot), or "" if none
 * @param unicode the name as people read it (differs from {@code name} for internationalised names)
 * @param reason  why it is invalid (empty when valid)
 * @param fix     what to do about it (empty when valid)
 * @param notes   things worth knowing that do not make the name invalid
 */
public record DomainCheck(String input, boolean valid, String name, String unicode, String reason, String fix,
                          List<String> notes) {
    public DomainCheck {
        notes = List.copyOf(notes);
    }

    /** True when the name has a punycode form different from its readable form. */
    public boolean isInternationalised() {
        return valid && !name.equals(unicode);
    }

    /** The invalid verdict as a finding, for reports that mix domain and certificate problems. */
    public List<Finding> findings() {
        return valid ? List.of() : List.of(Finding.of(FindingCode.DOMAIN_INVALID,
                "The service name \"" + input.strip() + "\" cannot be used. " + reason, fix));
    }

    /** One line for the field's message: the reason, or what the valid name will be. */
    public String summary() {
        if (!valid) {
            return reason;
        }
        if (isInternationalised()) {
            return "Valid. Clients and certificates use its punycode form: " + name;
        }
        return "Valid: " + name;
    }
}
