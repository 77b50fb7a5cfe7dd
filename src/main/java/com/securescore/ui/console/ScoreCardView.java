package com.securescore.ui.console;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * One scored image: its thumbnail, the top labels as bars, and how long the call took; or the
 * reason it could not be scored.
 */
public final class ScoreCardView extends HBox {
    private static final double BAR_WIDTH = 180;

    /** A label and its score, as shown on one bar. */
    public record LabelScore(String label, double score) {
    }

    public ScoreCardView(String name, Image thumbnail, List<LabelScore> top, double latencyMillis, String error) {
        this(name, thumbnail, top, true, latencyMillis, error);
    }

    /**
     * @param probabilities the scores are probabilities (shown as percentages); otherwise raw values
     *                      (logits, say) are shown as sent, with bars relative to the top score
     */
    public ScoreCardView(String name, Image thumbnail, List<LabelScore> top, boolean probabilities,
                         double latencyMillis, String error) {
        super(12);
        getStyleClass().add("score-card");
        setAlignment(Pos.TOP_LEFT);
        ImageView view = new ImageView(thumbnail);
        view.setFitWidth(96);
        view.setFitHeight(96);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        StackPane frame = new StackPane(view);
        frame.setMinSize(96, 96);
        frame.setMaxSize(96, 96);
        frame.getStyleClass().add("thumbnail");
        Label title = new Label(name);
        title.getStyleClass().add("score-title");
        VBox details = new VBox(4, title);
        if (error != null) {
            Label e = new Label(error);
            e.setWrapText(true);
            e.getStyleClass().add("message-error");
            details.getChildren().add(e);
        } else {
            GridPane bars = new GridPane();
            bars.setHgap(8);
            bars.setVgap(3);
            int row = 0;
            for (LabelScore s : top) {
                Label label = new Label(s.label());
                label.setMaxWidth(200);
                Rectangle track = new Rectangle(BAR_WIDTH, 8);
                track.getStyleClass().add("score-track");
                double topScore = top.get(0).score();
                double fraction = probabilities ? s.score()
                        : topScore > 0 && s.score() > 0 ? s.score() / topScore : 0;
                Rectangle fill = new Rectangle(Math.max(1, BAR_WIDTH * clamp(fraction)), 8);
                fill.getStyleClass().add(row == 0 ? "score-fill-top" : "score-fill");
                StackPane bar = new StackPane(track, fill);
                bar.setAlignment(Pos.CENTER_LEFT);
                Label value = new Label(probabilities ? String.format(Locale.ROOT, "%.1f%%", 100 * s.score())
                        : String.format(Locale.ROOT, "%.3f", s.score()));
                value.getStyleClass().add("help");
                bars.addRow(row++, label, bar, value);
            }
            details.getChildren().add(bars);
            Label latency = new Label(String.format(Locale.ROOT, "%.0f ms", latencyMillis));
            latency.getStyleClass().add("help");
            details.getChildren().add(latency);
        }
        HBox.setHgrow(details, Priority.ALWAYS);
        getChildren().addAll(frame, details);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
