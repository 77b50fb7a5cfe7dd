package com.securescore.ui.wizard;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Keeps keyboard focus in the step when the control holding it is disabled or hidden by what it
 * started (Start service, Check now, Unlock). JavaFX then moved focus to the next control it could
 * find, often Cancel or a side-bar step, where one more Enter or Space did something nobody meant.
 * Focus goes to the step's scroll pane instead, and back to the control once it is enabled again, if
 * the person has not moved it meanwhile. A move the person makes (Tab, a click) is left alone.
 */
final class FocusKeeper {
    private FocusKeeper() {
    }

    /** Watches {@code scene}: focus pushed out of {@code step} stays in it. */
    static void keepIn(Scene scene, Node step) {
        // The last node that held focus and whether it was in the step, decided while it held focus: a
        // node removed from the scene no longer knows its parents, and focus passes through null then.
        Node[] last = {null};
        boolean[] lastInStep = {false};
        scene.focusOwnerProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            Node left = last[0];
            boolean leftStep = lastInStep[0];
            last[0] = now;
            lastInStep[0] = inside(now, step);
            if (left == null || !leftStep || lastInStep[0] || usable(left)) {
                return;
            }
            Platform.runLater(() -> {
                if (scene.getFocusOwner() != now) {
                    return;
                }
                step.requestFocus();
                if (left.getScene() == scene && left.isDisabled()) {
                    giveBackWhenEnabled(scene, step, left);
                }
            });
        });
    }

    private static void giveBackWhenEnabled(Scene scene, Node step, Node control) {
        ChangeListener<Boolean> back = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (!now) {
                    control.disabledProperty().removeListener(this);
                    if (scene.getFocusOwner() == step && usable(control)) {
                        control.requestFocus();
                    }
                }
            }
        };
        control.disabledProperty().addListener(back);
    }

    /** Whether the node can hold focus where it is: in a scene, enabled, and it and its parents visible. */
    static boolean usable(Node node) {
        if (node.getScene() == null || node.isDisabled()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
