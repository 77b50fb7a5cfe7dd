package com.securescore.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/**
 * Pictures of what a test clicked through, to look at as a user would: written only when the
 * system property {@code securescore.shot.wizardfix} names a folder.
 */
public final class Shots {
    private Shots() {
    }

    public static void take(FxRobot robot, Scene scene, String name) throws IOException {
        String folder = System.getProperty("securescore.shot.wizardfix");
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path dir = Files.createDirectories(Path.of(folder));
        Image image = robot.capture(scene.getRoot()).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(dir.toFile(), name + ".png"));
    }
}
