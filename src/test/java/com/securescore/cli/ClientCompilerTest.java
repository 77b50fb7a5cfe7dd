package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The compiler setting a long {@code score} run makes (C2 kept to the JDK's ciphers) is one this
 * JVM accepts; if a JDK stopped taking it, the run would silently be slower again.
 */
class ClientCompilerTest {
    @Test
    void theJvmTakesTheDirectiveAndKeepsC2ForTheCiphersOnly() throws Exception {
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        try {
            assertTrue(ClientCompiler.addDirective(), "the JVM refused the compiler directive");
            String printed = (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics,
                    "compilerDirectivesPrint", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            assertTrue(printed.contains("com/sun/crypto/provider/*.*"), printed);
        } finally {
            // The rest of this test JVM compiles as usual.
            ManagementFactory.getPlatformMBeanServer().invoke(diagnostics, "compilerDirectivesRemove",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        }
    }
}
