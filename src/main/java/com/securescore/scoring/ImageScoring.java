package com.securescore.scoring;

import com.securescore.findings.FindingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Scoring image files over a client, the same for {@code securescore score} and the wizard's console:
 * each file read and sent, an unreadable file failing on its own while the others are still sent, and
 * every failure a {@link ScoringException} with its code and fix. {@link #oneByOne} is the console's
 * way (one call per image, each told as it comes, stopping when the endpoint itself fails);
 * {@link #chunk} the command line's (several images per call, pipelined by the caller).
 */
public final class ImageScoring {
    private final ScoringClient client;
    private final Duration perCall;
    private final int top;

    /** One image's outcome: its scores, or the failure explained. */
    public record Scored(Path image, ScoringClient.ImageScore score, ScoringException error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Told of each image as it is scored, on the scoring thread, with how many are done. */
    public interface Listener {
        void scored(Scored result, int done);
    }

    /**
     * @param perCall the deadline of each call
     * @param top     how many labels to keep per image
     */
    public ImageScoring(ScoringClient client, Duration perCall, int top) {
        this.client = client;
        this.perCall = perCall;
        this.top = top;
    }

    /**
     * One call per image, in order. After a failure that is the endpoint's (trust, name, port,
     * reachability) the rest are not sent: they would fail the same way. Blocks: call it off the UI thread.
     *
     * @return the images scored or failed, in order; fewer than given when the endpoint failed
     */
    public List<Scored> oneByOne(List<Path> images, Listener listener) {
        List<Scored> out = new ArrayList<>();
        for (Path image : images) {
            Scored r;
            try {
                r = new Scored(image, client.score(List.of(Files.readAllBytes(image)), perCall, top).get(0), null);
            } catch (ScoringException e) {
                r = new Scored(image, null, e);
            } catch (IOException e) {
                r = new Scored(image, null, unreadable(image, e));
            }
            out.add(r);
            listener.scored(r, out.size());
            if (!r.ok() && r.error().endpointFailure()) {
                break;
            }
        }
        return out;
    }

    /**
     * One call for all of {@code chunk}, without waiting; the future never fails: an unreadable file is
     * failed on its own and the rest sent, and a failed call fails each image it carried.
     */
    public CompletableFuture<List<Scored>> chunk(List<Path> chunk) {
        List<Scored> failed = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (Path p : chunk) {
            try {
                bytes.add(Files.readAllBytes(p));
                readable.add(p);
            } catch (IOException e) {
                failed.add(new Scored(p, null, unreadable(p, e)));
            }
        }
        if (readable.isEmpty()) {
            return CompletableFuture.completedFuture(failed);
        }
        return client.scoreAsync(bytes, perCall, top).handle((scores, e) -> {
            List<Scored> out = new ArrayList<>(failed);
            if (e == null) {
                for (int i = 0; i < readable.size(); i++) {
                    out.add(new Scored(readable.get(i), scores.get(i), null));
                }
                return out;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            ScoringException error = cause instanceof ScoringException se ? se
                    : new ScoringException(FindingCode.BAD_RESPONSE, "The call failed: " + cause, "Check the "
                            + "service's log.", cause);
            readable.forEach(p -> out.add(new Scored(p, null, error)));
            return out;
        });
    }

    /** An image file that could not be read: its own failure, not the endpoint's. */
    static ScoringException unreadable(Path image, IOException e) {
        return new ScoringException(FindingCode.FILE_UNREADABLE, "Could not read " + image + ": " + e.getMessage(),
                "Check that the file exists and can be read.", e);
    }
}
