package com.securescore.ui.certificate;

import com.securescore.cert.DevelopmentCertificates;
import com.securescore.ui.FileDialogs;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Certificate step's "Make a development certificate": what it makes and why clients will not
 * trust it, the button that asks for a folder, and where the files went with a button to open it.
 */
final class DevelopmentPane {
    private final CertificateStepViewModel model;
    /** Every file dialog of the step opens in the folder of the last file chosen in it. */
    private final FileDialogs.LastFolder lastFolder;
    private final VBox root = new VBox(8);
    private final Button make = new Button("Make a development certificate…");
    private final Label where = new Label();
    private final Button open = new Button("Open folder");
    private final HBox written = new HBox(8, where, open);

    DevelopmentPane(CertificateStepViewModel model, FileDialogs.LastFolder lastFolder) {
        this.model = model;
        this.lastFolder = lastFolder;
        Label devIntro = new Label("Makes a small local certificate authority and a certificate for the domain, "
                + "like mkcert, in a folder you choose: ca.pem, fullchain.pem and privkey.pem (owner-only).");
        devIntro.setWrapText(true);
        devIntro.getStyleClass().add("help");
        Label devText = new Label(DevelopmentCertificates.NOTICE_GUI);
        devText.setId("devNotice");
        devText.setWrapText(true);
        devText.getStyleClass().add("caution");
        make.setId("makeDevCert");
        where.setId("devWritten");
        where.setWrapText(true);
        open.setId("devOpenFolder");
        open.setMinWidth(Region.USE_PREF_SIZE);
        written.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(devIntro, devText, make, written);
        root.setVisible(false);
        root.setManaged(false);
        bind();
    }

    Node view() {
        return root;
    }

    private void bind() {
        make.setOnAction(e -> {
            File dir = lastFolder.folder(window(), "Choose a folder for the development certificate");
            if (dir != null) {
                model.makeDevelopmentCertificate(dir.toPath());
            }
        });
        where.textProperty().bind(Bindings.createStringBinding(() -> model.writtenProperty()
                .get().isEmpty() ? "" : "Written to " + model.writtenProperty().get()
                + ": ca.pem (the development root), fullchain.pem, privkey.pem.", model.writtenProperty()));
        open.setOnAction(e -> {
            if (!FileDialogs.current().openFolder(Path.of(model.writtenProperty().get()))) {
                open.setText("No file manager here");
                open.setDisable(true);
            }
        });
        written.visibleProperty().bind(model.writtenProperty().isNotEmpty());
        written.managedProperty().bind(written.visibleProperty());
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
