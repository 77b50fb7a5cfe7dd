package com.securescore.deploy.azure;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the bearer token comes from: an explicit value (read from a file by the caller), else
 * {@code AZURE_ACCESS_TOKEN}, else the Azure CLI when {@code az} is on the PATH. The token is never
 * logged; {@link #describe} says only where it came from.
 */
public final class AccessTokens {
    public static final String ENV = "AZURE_ACCESS_TOKEN";
    static final List<String> AZ_ARGS = List.of("account", "get-access-token", "--resource",
            "https://management.azure.com/", "--query", "accessToken", "-o", "tsv");
    static final String HOW = "Get one with: az login, then az account get-access-token --resource "
            + "https://management.azure.com/ --query accessToken -o tsv > token.txt (chmod 600 token.txt) and pass "
            + "--token-file token.txt, or set " + ENV + ".";

    /** A token and where it came from ("--token-file", "AZURE_ACCESS_TOKEN", "az account get-access-token"). */
    public record Token(String value, String source) {
        @Override
        public String toString() {
            return "Token[from " + source + "]";
        }
    }

    private AccessTokens() {
    }

    /**
     * The token a person saved in {@code file}, for {@link #resolve}: a file that is missing or empty is a rule
     * broken on the "token" setting, with the command that writes a fresh token into it. The token is never
     * put in a message.
     */
    public static String fromFile(Path file) throws IOException, AzureRuleException {
        if (!Files.isRegularFile(file)) {
            throw new AzureRuleException("token", "The token file " + file + " does not exist.");
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new AzureRuleException("token", "The token file " + file + " is empty: write a fresh token into it "
                    + "(az account get-access-token --resource https://management.azure.com/ --query accessToken "
                    + "-o tsv > " + file + ").");
        }
        return token;
    }

    /**
     * @param explicit the token from the caller (a file's content), or null
     * @param env      the environment to read {@link #ENV} and PATH from
     */
    public static Token resolve(String explicit, String explicitSource, Map<String, String> env)
            throws AzureRuleException {
        if (explicit != null && !explicit.isBlank()) {
            return new Token(explicit.strip(), explicitSource);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Token(fromEnv.strip(), ENV);
        }
        Path az = onPath(env.get("PATH"));
        if (az == null) {
            throw new AzureRuleException("token", "No access token: none was given, " + ENV + " is not set, and the "
                    + "Azure CLI (az) is not on the PATH. " + HOW);
        }
        return new Token(fromAzureCli(az), "az account get-access-token");
    }

    private static String fromAzureCli(Path az) throws AzureRuleException {
        List<String> command = new ArrayList<>(List.of(az.toString()));
        command.addAll(AZ_ARGS);
        try {
            Path errFile = Files.createTempFile("securescore-az", ".err");
            Process p = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            byte[] err = Files.readAllBytes(errFile);
            Files.deleteIfExists(errFile);
            if (!done) {
                p.destroyForcibly();
                throw new AzureRuleException("token", "az account get-access-token did not finish in 2 minutes. "
                        + HOW);
            }
            String token = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || token.isEmpty()) {
                String why = new String(err, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("no output");
                throw new AzureRuleException("token", "az account get-access-token failed (" + why + "). Run az login "
                        + "first. " + HOW);
            }
            return token;
        } catch (IOException e) {
            throw new AzureRuleException("token", "The Azure CLI could not be run (" + e.getMessage() + "). " + HOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureRuleException("token", "Interrupted while asking the Azure CLI for a token.");
        }
    }

    /** The az executable on {@code path}, or null. */
    static Path onPath(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("az", "az.cmd")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
