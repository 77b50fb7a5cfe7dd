package com.securescore.ui;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;

/**
 * Brings a part of a step into sight when something new appears there (the service's Running banner,
 * the first scored image), so that at a small window the answer is not left below the fold.
 */
public final class ScrollIntoView {
    private ScrollIntoView() {
    }

    /**
     * After the next layout, scrolls the nearest enclosing scroll pane so that {@code node}'s top is in
     * sight (at the top of the viewport when it was out of sight); does nothing when it is already seen
     * whole or there is no scroll pane.
     */
    public static void top(Node node) {
        Platform.runLater(() -> {
            ScrollPane pane = enclosing(node);
            if (pane == null || pane.getContent() == null) {
                return;
            }
            pane.layout();
            Node content = pane.getContent();
            Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
            double viewport = pane.getViewportBounds().getHeight();
            double extra = content.getBoundsInLocal().getHeight() - viewport;
            if (b == null || extra <= 0) {
                return;
            }
            double shownFrom = pane.getVvalue() / (pane.getVmax() - pane.getVmin()) * extra;
            if (b.getMinY() >= shownFrom && b.getMaxY() <= shownFrom + viewport) {
                return;
            }
            double wanted = Math.max(0, Math.min(extra, b.getMinY() - 8));
            pane.setVvalue(pane.getVmin() + wanted / extra * (pane.getVmax() - pane.getVmin()));
        });
    }

    private static ScrollPane enclosing(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) {
                return s;
            }
        }
        return null;
    }
}
