package com.securescore.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an encoded image only as large as the model needs: a 48-megapixel photo is read with
 * subsampling to about twice the model's input, so a batch of phone photos costs megabytes, not
 * gigabytes, and images that claim more pixels than any camera makes are refused before decoding.
 * A phone photo's EXIF orientation is applied, so the model sees it upright.
 */
public final class ImageDecoder {
    /** Larger than any camera's output; a file claiming more is refused (a decompression bomb, say). */
    static final long MAX_PIXELS = 250_000_000L;

    private ImageDecoder() {
    }

    /**
     * @param index   the image's place in the request, for the error message
     * @param minSide the shorter side the model's preprocessing needs; the decoded image keeps at
     *                least twice that where the original has it
     */
    public static BufferedImage decode(int index, byte[] bytes, int minSide)
            throws ImageClassifier.UndecodableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageClassifier.UndecodableImageException(index, "not a JPEG, PNG, WebP, GIF, BMP or TIFF "
                        + "image (" + bytes.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
                    throw new ImageClassifier.UndecodableImageException(index, "it claims " + w + "×" + h
                            + " pixels; more than " + MAX_PIXELS / 1_000_000 + " megapixels is refused");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int factor = Math.max(1, Math.min(w, h) / Math.max(1, 2 * minSide));
                param.setSourceSubsampling(factor, factor, 0, 0);
                BufferedImage img = reader.read(0, param);
                if (img == null) {
                    throw new ImageClassifier.UndecodableImageException(index, "the image holds no picture");
                }
                return ExifOrientation.apply(img, ExifOrientation.of(bytes));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageClassifier.UndecodableImageException(index, "damaged image data (" + e.getMessage() + ")");
        }
    }
}
