package com.securescore.ui.wizard;

import com.securescore.ui.Confirmations;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The questions the wizard's frame asks before it loses something: closing while a service runs
 * (Cancel, Escape, the window's close button), Finish while a service runs, and Start over. Each
 * says what would be lost, and the safe answer is the default.
 */
final class ShellQuestions {
    static final String STOP_AND_CLOSE = "Stop the service and close";
    static final String GO_BACK = "Go back";
    static final String FORGET = "Forget the saved run";
    static final String KEEP = "Keep it";

    private final Node owner;

    ShellQuestions(Node owner) {
        this.owner = owner;
    }

    /** Cancel, Escape or the window's close button while {@code what} runs: true to close. */
    boolean close(String what) {
        ButtonType close = new ButtonType("Close", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep open", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = alert(what + " Close anyway?", "Close SecureScore?", "closeConfirm", close, keep);
        return ask.showAndWait().filter(close::equals).isPresent();
    }

    /**
     * Finish while {@code what} runs. The service runs inside SecureScore, so it cannot be left running
     * after the window closes: the question says so, and offers the command that runs it on its own.
     *
     * @param command the terminal command that runs it on its own, or null when there is none
     * @return true to stop it and close; false to go back to the wizard
     */
    boolean finish(String what, String command) {
        ButtonType stop = new ButtonType(STOP_AND_CLOSE, ButtonBar.ButtonData.OK_DONE);
        ButtonType back = new ButtonType(GO_BACK, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = alert(null, "Finish and close SecureScore?", "finishConfirm", stop, back);
        Label text = new Label(what + " It runs inside SecureScore, so it cannot stay running once this "
                + "window closes.");
        text.setId("finishText");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox body = new VBox(10, text);
        if (command != null) {
            Label how = new Label("To keep a service running after closing, run it on its own from a terminal "
                    + "with the same certificate, port, keys file and model (start it after closing, when the port "
                    + "is free again):");
            how.setWrapText(true);
            how.setMinHeight(Region.USE_PREF_SIZE);
            TextField line = new TextField(command);
            line.setId("finishCommand");
            line.setEditable(false);
            line.getStyleClass().add("command-line");
            HBox.setHgrow(line, Priority.ALWAYS);
            Button copy = new Button("Copy");
            copy.setId("finishCopy");
            copy.setMinWidth(Region.USE_PREF_SIZE);
            Confirmations.copyButton(copy, line::getText);
            body.getChildren().addAll(how, new HBox(8, line, copy));
            if (command.contains(WizardStep.PASSWORD_FILE)) {
                Label password = new Label("The key is locked: replace " + WizardStep.PASSWORD_FILE + " with the name of a "
                        + "file that holds its password, readable only by you. SecureScore never writes the "
                        + "password down.");
                password.setId("finishPasswordFile");
                password.setWrapText(true);
                password.setMinHeight(Region.USE_PREF_SIZE);
                body.getChildren().add(password);
            }
        }
        body.setPrefWidth(560);
        ask.getDialogPane().setContent(body);
        return ask.showAndWait().filter(stop::equals).isPresent();
    }

    /** Start over, which deletes the saved run {@code described}: true to delete it. */
    boolean startOver(String described) {
        ButtonType forget = new ButtonType(FORGET, ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(KEEP, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert ask = alert("Start over deletes the saved run (" + described + "); it cannot be restored afterwards.",
                "Forget the saved run?", "startOverConfirm", forget, keep);
        return ask.showAndWait().filter(forget::equals).isPresent();
    }

    /** A question whose last button (the safe one) is the default, owned by the wizard's window. */
    private Alert alert(String text, String title, String id, ButtonType act, ButtonType safe) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text == null ? "" : text, act, safe);
        ask.setTitle(title);
        ask.setHeaderText(null);
        ask.getDialogPane().setId(id);
        ask.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        ((Button) ask.getDialogPane().lookupButton(act)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(safe)).setDefaultButton(true);
        if (owner.getScene() != null && owner.getScene().getWindow() != null) {
            ask.initOwner(owner.getScene().getWindow());
        }
        return ask;
    }
}
