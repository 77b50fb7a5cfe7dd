package com.securescore.ui.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.diagnose.ErrorTexts;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Diagnose window names no command, option or environment variable in a fix: it has buttons for them. */
class GuiFixesTest {
    @Test
    void noExplainedMessageShowsACommandLineFixInTheWindow() {
        List<String> named = ErrorTexts.all().stream().filter(e -> GuiFixes.COMMAND_LINE.matcher(GuiFixes.of(e))
                .find()).map(e -> e.id() + ": " + GuiFixes.of(e)).toList();
        assertEquals(List.of(), named);
        assertTrue(ErrorTexts.all().stream().allMatch(e -> !GuiFixes.of(e).isBlank()), "every cause keeps a fix");
    }

    @Test
    void messagesWhoseFixWasTheDiagnoseCommandGetTheDiagnoseButton() {
        List<String> diagnosing = ErrorTexts.all().stream().filter(GuiFixes::diagnoses).map(ErrorTexts.Explanation::id)
                .toList();
        assertTrue(diagnosing.containsAll(List.of("verify-failed", "dotnet-invalid", "connect-failed")),
                diagnosing.toString());
        assertTrue(ErrorTexts.all().stream().filter(e -> e.fix().contains("securescore diagnose"))
                .allMatch(e -> GuiFixes.of(e).contains("Diagnose the endpoint")));
    }

    @Test
    void theDiagnoseButtonComesWithEveryFixThatSaysToDiagnoseAndNoOther() {
        List<String> disagree = ErrorTexts.all().stream()
                .filter(e -> GuiFixes.diagnoses(e) != GuiFixes.of(e).contains("Diagnose the endpoint"))
                .map(e -> e.id() + ": " + GuiFixes.of(e)).toList();
        assertEquals(List.of(), disagree);
    }

    @Test
    void endpointFindingsThatNameOptionsAreSaidInTheWindowsTerms() {
        for (FindingCode code : List.of(FindingCode.UNTRUSTED_ROOT, FindingCode.SELF_SIGNED, FindingCode.CERT_UNTRUSTED,
                FindingCode.DNS_FAILED, FindingCode.AUTH_REJECTED, FindingCode.CALL_FAILED)) {
            Finding f = Finding.of(code, "message", "Use --trust FILE or GRPC_DEFAULT_SSL_ROOTS_FILE_PATH; securescore "
                    + "explain can say more.");
            assertFalse(GuiFixes.COMMAND_LINE.matcher(GuiFixes.of(f)).find(), code + ": " + GuiFixes.of(f));
        }
        // Any other finding takes the registry's wizard text, whatever the CLI's fix says.
        assertEquals(FindingCode.NO_HTTP2.guiFix(), GuiFixes.of(Finding.of(FindingCode.NO_HTTP2, "m",
                "Check the service's log. Or run securescore diagnose --json.")));
    }
}
