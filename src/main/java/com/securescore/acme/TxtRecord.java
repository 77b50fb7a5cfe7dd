package com.securescore.acme;

/** The DNS-01 record to create: {@code name} (fully qualified, no final dot) IN TXT {@code value}. */
public record TxtRecord(String name, String value) {
}
