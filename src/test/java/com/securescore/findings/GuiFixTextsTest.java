package com.securescore.findings;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wizard says every fix in its own words: a person there has buttons and fields, not a command
 * line. Every code's wizard text is walked, so a new code cannot bring a flag into the wizard.
 */
class GuiFixTextsTest {
    /** A flag, one of SecureScore's environment variables, or a securescore command. */
    static final Pattern CLI_ONLY = Pattern.compile("--|SECURESCORE_|securescore [a-z]");

    @Test
    void noWizardFixNamesAFlagAnEnvironmentVariableOrACommand() {
        List<String> offending = new ArrayList<>();
        for (FindingCode code : FindingCode.values()) {
            String text = code.guiFix();
            if (text == null || text.isBlank() || CLI_ONLY.matcher(text).find()) {
                offending.add(code + ": " + text);
            }
        }
        assertTrue(offending.isEmpty(), "wizard fixes that are empty or name the CLI: " + offending);
    }
}
