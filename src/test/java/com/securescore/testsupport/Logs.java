package com.securescore.testsupport;

import java.util.stream.Collectors;
import javafx.scene.control.ListView;
import org.testfx.api.FxRobot;

/** What a step's log (ui.LogView) shows, as one text. */
public final class Logs {
    private Logs() {
    }

    public static String text(FxRobot robot, String query) {
        ListView<?> list = robot.lookup(query).queryAs(ListView.class);
        return list.getItems().stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }
}
