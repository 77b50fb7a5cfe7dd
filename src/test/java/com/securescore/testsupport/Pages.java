package com.securescore.testsupport;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A step's scrolling page, moved as a person moves it. */
public final class Pages {
    private Pages() {
    }

    /** Scrolls {@code page} until {@code node} is in sight, a little below the page's top edge. */
    public static void scrollToSee(FxRobot robot, ScrollPane page, Node node) {
        robot.interact(() -> {
            double content = page.getContent().getLayoutBounds().getHeight();
            double viewport = page.getViewportBounds().getHeight();
            double y = page.getContent().sceneToLocal(node.localToScene(node.getLayoutBounds())).getMinY();
            page.setVvalue(Math.min(1, Math.max(0, (y - 60) / Math.max(1, content - viewport))));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
