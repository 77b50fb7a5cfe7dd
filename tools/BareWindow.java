import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The yardstick for tools/startup-bench.sh: a bare JavaFX window (one Label) titled "SecureScore",
 * started from the class path with the wizard's jar on it, as the wizard is. Build and measure:
 *
 *   javac -cp target/securescore.jar -d target/bench tools/BareWindow.java
 *   tools/startup-bench.sh -- java -cp target/securescore.jar:target/bench BareWindow
 */
public final class BareWindow {
    private BareWindow() {
    }

    public static void main(String[] args) {
        // Launched through a class that is not an Application, as Main launches the wizard: the java
        // launcher refuses an Application main class when JavaFX is on the class path.
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("SecureScore");
            stage.setScene(new Scene(new Label("SecureScore"), 960, 640));
            stage.show();
        }
    }
}
