package com.securescore.service;

import java.util.List;

/**
 * A model the scoring service runs: encoded images in, one row of class scores per image out.
 * Implementations say where their labels come from, so nobody mistakes a demo for a classifier.
 */
public interface ImageClassifier {
    /** The class names, one per score column. */
    List<String> labels();

    /** Where the scores come from, shown on every start and in every response's log line. */
    String source();

    /**
     * Scores each encoded image (JPEG, PNG, ...).
     *
     * @throws UndecodableImageException naming the index of the first image that is not an image
     */
    float[][] classify(List<byte[]> encodedImages) throws UndecodableImageException;

    /** The model as per-image tensors and a shared run, when it has that shape (ONNX models); else null. */
    default TensorModel tensorModel() {
        return null;
    }

    /** An input that is not a decodable image. */
    final class UndecodableImageException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        public UndecodableImageException(int index, String detail) {
            super("image " + index + " cannot be decoded: " + detail);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }
}
