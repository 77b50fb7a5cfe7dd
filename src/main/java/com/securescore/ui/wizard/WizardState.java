package com.securescore.ui.wizard;

import com.securescore.cert.CheckReport;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.LocalDeployment;
import com.securescore.deploy.TargetKind;
import com.securescore.resume.SavedFile;
import com.securescore.resume.SavedProgress;
import com.securescore.ui.PortText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Everything one run of the wizard has decided so far, typed, handed to every step. Secrets (keys,
 * passwords) never live here in a form that {@link #toProgress} could save.
 */
public final class WizardState {
    /** The validated service name in ASCII (punycode) form; null while the Domain step is invalid. */
    private final StringProperty domain = new SimpleStringProperty();
    private final ObjectProperty<Path> certificatePath = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> keyPath = new SimpleObjectProperty<>();
    /** A root clients must trust (a private or development CA), or null for the system roots. */
    private final ObjectProperty<Path> trustPath = new SimpleObjectProperty<>();
    /** The last certificate check; holds the key in memory only, never saved. */
    private final ObjectProperty<CheckReport> certificate = new SimpleObjectProperty<>();
    /** Where that certificate was read from and how (passwords in memory only, never saved); null for pasted text. */
    private final ObjectProperty<CertificateFileSet> certificateFiles = new SimpleObjectProperty<>();
    private final ObjectProperty<TargetKind> target = new SimpleObjectProperty<>(TargetKind.LOCAL);
    private final StringProperty endpointHost = new SimpleStringProperty();
    private final ObjectProperty<Integer> endpointPort = new SimpleObjectProperty<>();
    /** Where the service's keys are, once deployed (a path, never a key). */
    private final ObjectProperty<Path> keysFile = new SimpleObjectProperty<>();
    /** The address to connect to instead of resolving the name (the Local target: 127.0.0.1). */
    private final StringProperty connectTo = new SimpleStringProperty();
    /** What the Deploy step produced (endpoint, addresses for DNS), or null before a deployment. */
    private final ObjectProperty<DeployedEndpoint> deployed = new SimpleObjectProperty<>();

    /**
     * Every file the Certificate step is reading, with its role and how it looked when read, in order (the
     * trusted root is {@link #trustPath}); after a restore, as saved.
     */
    private final ObservableList<SavedFile> certificateInputs = FXCollections.observableArrayList();
    /** The certificate repairs accepted for the current files, in order (names of the Certificate step's repairs). */
    private final ObservableList<String> repairs = FXCollections.observableArrayList();
    /** The Local target's model choice and port. */
    private final ObjectProperty<LocalDeployment.ModelChoice> localModel =
            new SimpleObjectProperty<>(LocalDeployment.ModelChoice.RESNET);
    private final StringProperty localPort = new SimpleStringProperty("50051");
    /** True once a saved run was restored: steps then say why they need what was not saved (a password). */
    private final BooleanProperty resumed = new SimpleBooleanProperty(false);

    public StringProperty domainProperty() {
        return domain;
    }

    public String getDomain() {
        return domain.get();
    }

    public ObjectProperty<Path> certificatePathProperty() {
        return certificatePath;
    }

    public ObjectProperty<Path> keyPathProperty() {
        return keyPath;
    }

    public ObjectProperty<Path> trustPathProperty() {
        return trustPath;
    }

    public ObjectProperty<CheckReport> certificateProperty() {
        return certificate;
    }

    public ObjectProperty<CertificateFileSet> certificateFilesProperty() {
        return certificateFiles;
    }

    public ObjectProperty<TargetKind> targetProperty() {
        return target;
    }

    public TargetKind getTarget() {
        return target.get();
    }

    public StringProperty endpointHostProperty() {
        return endpointHost;
    }

    public ObjectProperty<Path> keysFileProperty() {
        return keysFile;
    }

    public StringProperty connectToProperty() {
        return connectTo;
    }

    public ObjectProperty<DeployedEndpoint> deployedProperty() {
        return deployed;
    }

    public ObjectProperty<Integer> endpointPortProperty() {
        return endpointPort;
    }

    public ObservableList<SavedFile> certificateInputs() {
        return certificateInputs;
    }

    public ObservableList<String> repairs() {
        return repairs;
    }

    public ObjectProperty<LocalDeployment.ModelChoice> localModelProperty() {
        return localModel;
    }

    public StringProperty localPortProperty() {
        return localPort;
    }

    public BooleanProperty resumedProperty() {
        return resumed;
    }

    /** The non-secret part of this state, for the resume file. */
    public SavedProgress toProgress(StepId step) {
        return toProgress(step, step);
    }

    /** The non-secret part of this state, for the resume file, with the furthest step {@code reached}. */
    public SavedProgress toProgress(StepId step, StepId reached) {
        OptionalInt port = PortText.parse(localPort.get());
        return new SavedProgress(domain.get(), text(certificatePath.get()), text(keyPath.get()), text(trustPath.get()),
                target.get() == null ? null : target.get().name(), endpointHost.get(), endpointPort.get(),
                step == null ? null : step.name(), Instant.now().toString(), reached == null ? null : reached.name(),
                List.copyOf(repairs), localModel.get() == null ? null : localModel.get().name(),
                port.isPresent() ? port.getAsInt() : null,
                List.copyOf(certificateInputs));
    }

    /** Restores a saved run; unknown names in the file are ignored rather than failing the start. */
    public void restore(SavedProgress p) {
        domain.set(p.domain());
        certificatePath.set(path(p.certificatePath()));
        keyPath.set(path(p.keyPath()));
        trustPath.set(path(p.trustPath()));
        target.set(parse(TargetKind.class, p.target(), TargetKind.LOCAL));
        endpointHost.set(p.endpointHost());
        endpointPort.set(p.endpointPort());
        repairs.setAll(p.repairs());
        certificateInputs.setAll(p.certificateFiles());
        localModel.set(parse(LocalDeployment.ModelChoice.class, p.localModel(), LocalDeployment.ModelChoice.RESNET));
        if (p.localPort() != null) {
            localPort.set(String.valueOf(p.localPort()));
        }
        resumed.set(true);
    }

    /** A path as the resume file has always written it: its text, or null. */
    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    /** A path the resume file names; a name this system cannot take counts as none given. */
    private static Path path(String saved) {
        if (saved == null) {
            return null;
        }
        try {
            return Path.of(saved);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
