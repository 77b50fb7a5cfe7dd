package com.securescore.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Keeps HotSpot's optimising compiler (C2) to the JDK's cipher code for the rest of a {@code score}
 * run; everything else stays with the quick compiler (C1).
 *
 * <p>A scoring client lives seconds to minutes, and most of its CPU went to C2 compiling gRPC,
 * Netty and protobuf code paths that it then ran a few thousand times (decisions 0013, 0014): C1 code runs
 * them nearly as fast for a fraction of the compile time. The cipher classes keep C2, which alone
 * uses the CPU's AES and carry-less multiply instructions for TLS. Most of the effect of starting the
 * JVM with {@code -XX:TieredStopAtLevel=1}, without a JVM option that the shared launcher would
 * also give the service: it is a compiler directive, added at run time through the JVM's
 * diagnostic command bean (what {@code jcmd PID Compiler.directives_add FILE} does), on a thread
 * of its own so the first calls do not wait for it. Where the JVM does not offer it, nothing
 * changes but speed.
 */
final class ClientCompiler {
    /** First match wins: C2 for the JDK's ciphers, C1 for everything else. */
    static final String DIRECTIVES = "[{match: [\"com/sun/crypto/provider/*.*\"], c2: {Exclude: false}},"
            + " {match: [\"*.*\"], c2: {Exclude: true}}]";

    private ClientCompiler() {
    }

    /** Adds the directive in the background. */
    static void preferQuickCompiles() {
        Thread t = new Thread(ClientCompiler::addDirective, "client-compiler-settings");
        t.setDaemon(true);
        t.start();
    }

    /** True when the directive was added. */
    static boolean addDirective() {
        Path file = null;
        try {
            file = Files.createTempFile("securescore-compiler", ".json");
            Files.writeString(file, DIRECTIVES, StandardCharsets.US_ASCII);
            Object added = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return added instanceof String answer && answer.contains("added");
        } catch (Exception | LinkageError e) {
            return false; // Only speed depends on it.
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A temporary file of a few bytes; the system cleans its temp folder.
                }
            }
        }
    }
}
