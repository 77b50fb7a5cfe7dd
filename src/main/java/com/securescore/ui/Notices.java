package com.securescore.ui;

import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.Parent;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.action.Action;

/**
 * The one way the wizard confirms an action where the person is looking: a bar that slides over the
 * top of the step's visible area, whatever the page's scroll position ("Dropped "Old Root"." with
 * Undo, "Saved fullchain.pem, privkey.pem in ..."), and goes away by itself after a while.
 *
 * <p>The shell wraps the step area in one; a step reaches it with {@link #say(Node, String, String, Runnable)}
 * from any of its nodes. A step shown on its own (in a test) has none, and then the call does nothing:
 * what a notice says is also on the page.
 */
public final class Notices extends NotificationPane {
    private static final javafx.util.Duration SHOWN = javafx.util.Duration.seconds(6);
    private final PauseTransition hideLater = new PauseTransition(SHOWN);

    public Notices(Node content) {
        super(content);
        setId("notices");
        setShowFromTop(true);
        setCloseButtonVisible(true);
        hideLater.setOnFinished(e -> hide());
    }

    /**
     * Shows {@code text}, with one action button when {@code actionLabel} is given; the bar hides after a
     * while, or at once when its action is used.
     */
    public void say(String text, String actionLabel, Runnable action) {
        getActions().clear();
        if (actionLabel != null && action != null) {
            getActions().add(new Action(actionLabel, e -> {
                hide();
                action.run();
            }));
        }
        if (isShowing()) {
            setText(text);
        } else {
            show(text);
        }
        hideLater.playFromStart();
    }

    /** As {@link #say(String, String, Runnable)} on the notices around {@code from}; false when there are none. */
    public static boolean say(Node from, String text, String actionLabel, Runnable action) {
        for (Parent p = from == null ? null : from.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Notices n) {
                n.say(text, actionLabel, action);
                return true;
            }
        }
        return false;
    }
}
