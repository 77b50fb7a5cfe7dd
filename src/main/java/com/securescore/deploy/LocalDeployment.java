package com.securescore.deploy;

import com.securescore.cert.CheckReport;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.service.DefaultModel;
import com.securescore.service.DemoClassifier;
import com.securescore.service.ImageClassifier;
import com.securescore.service.ScoringServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;

/**
 * The Local target: SecureScore's scoring service started in this process with the checked
 * certificate, the keys file (created owner-only when missing) and the chosen model. What it does
 * is reported line by line, and a model download's progress as it goes.
 */
public final class LocalDeployment implements AutoCloseable {
    /** Which model to run. */
    public enum ModelChoice {
        /** ResNet-50 v1: from the cache, else downloaded once; the demo model if it cannot be had. */
        RESNET,
        /** The built-in demo model; nothing is downloaded. */
        DEMO
    }

    /** Where the deployment reports; called from the deploying thread. */
    public interface Listener {
        void line(String text);

        void download(long done, long total);
    }

    /**
     * What to start: where to listen, where the keys live, which model (and where ResNet-50 comes from).
     * {@code demoStandsIn} false means: when ResNet-50 cannot be had, do not start at all but say why
     * ({@link ResNetUnavailable}), so the person can choose the demo model knowingly.
     */
    public record Options(String bind, int port, Path keysFile, ModelChoice model, int maxRequestBytes,
                          ModelSpec resnet, boolean demoStandsIn) {
        public Options(String bind, int port, Path keysFile, ModelChoice model, int maxRequestBytes) {
            this(bind, port, keysFile, model, maxRequestBytes, ModelSpec.RESNET50_V1);
        }

        public Options(String bind, int port, Path keysFile, ModelChoice model, int maxRequestBytes,
                ModelSpec resnet) {
            this(bind, port, keysFile, model, maxRequestBytes, resnet, true);
        }
    }

    /** The deployment could not start; the message says why and what to do. */
    public static class DeployException extends Exception {
        private static final long serialVersionUID = 1L;

        public DeployException(String message) {
            super(message);
        }
    }

    /** ResNet-50 was chosen but cannot be had, and the demo model was not to stand in; nothing started. */
    public static final class ResNetUnavailable extends DeployException {
        private static final long serialVersionUID = 1L;

        public ResNetUnavailable(String why) {
            super(why);
        }
    }

    private final ScoringServer server;
    private final AuthKeys keys;
    private final Path keysFile;
    private final ImageClassifier model;
    private final boolean demo;

    private LocalDeployment(ScoringServer server, AuthKeys keys, Path keysFile, ImageClassifier model, boolean demo) {
        this.server = server;
        this.keys = keys;
        this.keysFile = keysFile;
        this.model = model;
        this.demo = demo;
    }

    public static LocalDeployment start(CheckReport certificate, Options options, ModelCache cache,
            ModelDownloader downloader, Listener listener) throws DeployException {
        if (certificate == null || !certificate.ok()) {
            throw new DeployException("The certificate has errors (or none was chosen): fix them in the Certificate "
                    + "step first; the service will not start with them.");
        }
        if (certificate.key() == null) {
            throw new DeployException("The certificate has no private key: add the key file in the Certificate step.");
        }
        listener.line("Certificate for " + certificate.domain() + ": checked, no errors.");
        ImageClassifier model;
        boolean demo;
        if (options.model() == ModelChoice.DEMO) {
            model = new DemoClassifier();
            demo = true;
        } else {
            ModelSpec spec = options.resnet();
            listener.line("Model: " + spec.title() + ", from the cache or downloaded once ("
                    + ModelSpec.mebibytes(spec.size()) + ") into " + cache.pathOf(spec).getParent() + ".");
            DefaultModel.Loaded loaded = DefaultModel.load(cache, spec, downloader, listener::download);
            model = loaded.classifier();
            demo = loaded.demo();
            if (loaded.demo() && !options.demoStandsIn()) {
                listener.line("ResNet-50 cannot be had: " + loaded.whyNotResNet() + " Nothing was started.");
                throw new ResNetUnavailable(loaded.whyNotResNet());
            }
            if (loaded.demo()) {
                listener.line("ResNet-50 is not used: " + loaded.whyNotResNet());
            }
        }
        listener.line("Model: " + model.source() + ".");
        AuthKeys.Opened opened;
        try {
            opened = AuthKeys.open(options.keysFile());
        } catch (IOException e) {
            throw new DeployException("The keys file " + options.keysFile() + " cannot be used: " + e.getMessage());
        }
        listener.line((opened.created() ? "New keys, written owner-only to " : "Keys from ") + options.keysFile()
                + ": primary " + AuthKeys.mask(opened.keys().primary()) + ", secondary "
                + AuthKeys.mask(opened.keys().secondary()) + ".");
        ScoringServer server;
        try {
            server = ScoringServer.start(certificate, options.bind(), options.port(), opened.keys(), model,
                    options.maxRequestBytes());
        } catch (BindException e) {
            throw new DeployException(e.getMessage());
        } catch (IOException e) {
            throw new DeployException("The service could not listen on " + options.bind() + ":" + options.port() + ": "
                    + e.getMessage());
        }
        listener.line("Listening on " + options.bind() + ":" + server.port() + " with TLS 1.2/1.3 for "
                + certificate.domain() + ".");
        return new LocalDeployment(server, opened.keys(), options.keysFile(), model, demo);
    }

    public int port() {
        return server.port();
    }

    /** Serves a renewed certificate from the next connection on, without a restart (see {@link CertificateWatch}). */
    public void useCertificate(CheckReport certificate) {
        server.replaceCertificate(certificate);
    }

    public AuthKeys keys() {
        return keys;
    }

    public Path keysFile() {
        return keysFile;
    }

    public String modelSource() {
        return model.source();
    }

    /** The demo model answers (chosen, or standing in for ResNet-50). */
    public boolean demo() {
        return demo;
    }

    @Override
    public void close() {
        server.close();
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // The model's native session is freed with the process anyway.
            }
        }
    }
}
