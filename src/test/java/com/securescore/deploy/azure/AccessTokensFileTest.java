package com.securescore.deploy.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file `deploy --token-file` and the wizard's Token file field read, and what they say when it is unusable. */
class AccessTokensFileTest {
    @TempDir
    Path dir;

    @Test
    void theTokenInTheFileIsUsedAndSaidToComeFromIt() throws Exception {
        Path file = Files.writeString(dir.resolve("token.txt"), "  eyJ0eXAi.token\n");
        String token = AccessTokens.fromFile(file);
        assertEquals("eyJ0eXAi.token", token);
        AccessTokens.Token resolved = AccessTokens.resolve(token, "the token file " + file,
                Map.of(AccessTokens.ENV, "from-the-environment"));
        assertEquals("eyJ0eXAi.token", resolved.value(), "the file wins over the environment");
        assertEquals("the token file " + file, resolved.source());
    }

    @Test
    void aMissingOrEmptyFileIsNamedWithTheCommandThatFillsIt() throws Exception {
        Path missing = dir.resolve("none.txt");
        AzureRuleException gone = assertThrows(AzureRuleException.class, () -> AccessTokens.fromFile(missing));
        assertEquals("token", gone.field());
        assertEquals("The token file " + missing + " does not exist.", gone.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.txt"), " \n");
        AzureRuleException blank = assertThrows(AzureRuleException.class, () -> AccessTokens.fromFile(empty));
        assertTrue(blank.getMessage().startsWith("The token file " + empty + " is empty"), blank.getMessage());
        assertTrue(blank.getMessage().contains("az account get-access-token --resource https://management.azure.com/ "
                + "--query accessToken -o tsv > " + empty), blank.getMessage());
    }
}
