package com.securescore.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code score} and {@code diagnose} reach a scoring endpoint and prove the key: the options both
 * declare with the same meaning. A superclass rather than a {@code @Mixin} field, so the commands'
 * code keeps reading {@code connectTo}, {@code keyFile}, {@code bearer} and {@code route} as before
 * (picocli reads inherited options alike). {@code diagnose} words them its own way ({@link HelpTexts}).
 */
abstract class ConnectionOptions {
    @Option(names = "--key-file", paramLabel = "FILE", descriptionKey = "key-file", description = "File holding the "
            + "key, or the service's keys file (its primary key is used).")
    Path keyFile;

    @Option(names = "--bearer", descriptionKey = "bearer",
            description = "Send \"authorization: Bearer <key>\" (AKS-hosted services).")
    boolean bearer;

    @Option(names = "--route", paramLabel = "SERVICE", descriptionKey = "route",
            description = "Add x-ms-aml-grpc-service-route for SERVICE.")
    String route;

    @Option(names = "--connect-to", paramLabel = "ADDRESS", descriptionKey = "connect-to", description = "Connect to "
            + "this address but check the certificate against --host (to test before DNS is set up).")
    String connectTo;
}
