package com.securescore.dns;

import com.securescore.findings.Finding;
import java.time.Instant;
import java.util.List;

/**
 * One round of live checks of a name: every resolver's answer, the findings that explain a
 * mismatch (with their fixes), and whether the name resolves as expected everywhere.
 *
 * @param domain    the name checked, in ASCII form
 * @param expected  what it should resolve to
 * @param answers   one per resolver, in the order they were asked
 * @param findings  why it does not match (empty when it does), errors first
 * @param checkedAt when the round finished
 */
public record DnsReport(String domain, DnsExpectation expected, List<ResolverAnswer> answers,
                        List<Finding> findings, Instant checkedAt) {
    public DnsReport {
        answers = List.copyOf(answers);
        findings = List.copyOf(findings);
    }

    /** True when every resolver resolves the name as expected. */
    public boolean matches() {
        return !answers.isEmpty() && answers.stream().allMatch(ResolverAnswer::matches);
    }

    /** One sentence for a person: resolves as expected, on some resolvers only, or not. */
    public String verdict() {
        long ok = answers.stream().filter(ResolverAnswer::matches).count();
        if (matches()) {
            return domain + " resolves to " + expected.describe() + (answers.size() > 1
                    ? " on all " + answers.size() + " resolvers." : ".");
        }
        if (ok > 0) {
            return domain + " resolves to " + expected.describe() + " on " + ok + " of " + answers.size()
                    + " resolvers only.";
        }
        return domain + " does not resolve to " + expected.describe() + " yet.";
    }
}
