package com.securescore.service;

/**
 * A model whose input tensor is made image by image, so images from several calls can go through
 * the model in one run: each caller decodes and prepares its own images (in parallel, on its own
 * thread), and only the model run is shared ({@link BatchingClassifier}).
 */
public interface TensorModel {
    /** The floats one image contributes to the input tensor (one [C, H, W] or [H, W, C] slice). */
    float[] prepare(int index, byte[] encodedImage) throws ImageClassifier.UndecodableImageException;

    /** Runs the model on {@code images} slices laid end to end; one row of scores per image, in order. */
    float[][] run(float[] inputs, int images);
}
