package com.securescore.acme;

import com.securescore.task.Cancellation;

/**
 * The person who creates the DNS-01 TXT record: shown the record, then tells SecureScore it is there
 * (the CLI reads Enter, the wizard has a button). SecureScore then checks the record itself before
 * asking the CA to look.
 */
public interface DnsRecordUser {
    /** Returns when the user says the record exists; throws {@code CancellationException} on Cancel. */
    void createRecord(TxtRecord record, Cancellation cancel);

    /** For work that has no DNS challenge, or that only polls for the record. */
    DnsRecordUser NO_WAIT = (record, cancel) -> { };
}
