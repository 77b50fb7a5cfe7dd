package com.securescore.revocation;

import java.time.Instant;

/** What one source said: good, revoked, or nothing usable ({@code outcome} says what went wrong). */
record Answer(RevocationReport.Status status, String outcome) {
    static Answer good(RevocationReport.Source source) {
        return new Answer(new RevocationReport.Good(source), "good");
    }

    static Answer revoked(Instant at, String reason, RevocationReport.Source source) {
        return new Answer(new RevocationReport.Revoked(at, reason, source), "revoked on " + at
                + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }

    static Answer failed(String outcome) {
        return new Answer(null, outcome);
    }

    boolean decided() {
        return status != null;
    }
}
