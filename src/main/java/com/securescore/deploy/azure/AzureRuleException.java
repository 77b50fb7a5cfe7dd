package com.securescore.deploy.azure;

/**
 * A target rule the request would break, found before anything is written or sent. The message
 * names the setting and says how to fix it, in the same words as the Azure ML SDK's own check
 * where there is one, so people can search for it.
 */
public final class AzureRuleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public AzureRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The setting concerned, as the CLI spells it without dashes ("service-name", "certificate"). */
    public String field() {
        return field;
    }
}
