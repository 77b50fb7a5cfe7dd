package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Photos decoded as large as the model needs, and files that claim absurd sizes refused before decoding. */
class ImageDecoderTest {
    @Test
    void aLargePhotoIsDecodedAtAboutTwiceTheModelsInputWithItsColours() throws Exception {
        BufferedImage photo = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 2000, 3000);
        g.setColor(Color.BLUE);
        g.fillRect(2000, 0, 2000, 3000);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", jpeg);

        BufferedImage decoded = ImageDecoder.decode(0, jpeg.toByteArray(), 256);
        int shorter = Math.min(decoded.getWidth(), decoded.getHeight());
        assertTrue(shorter >= 512 && shorter < 1024, "decoded at " + decoded.getWidth() + "×" + decoded.getHeight());
        assertEquals(4000.0 / 3000, (double) decoded.getWidth() / decoded.getHeight(), 0.02, "same shape");
        int left = decoded.getRGB(decoded.getWidth() / 4, decoded.getHeight() / 2);
        assertTrue(((left >> 16) & 0xFF) > 200 && (left & 0xFF) < 60, Integer.toHexString(left));

        BufferedImage small = ImageDecoder.decode(0, jpeg.toByteArray(), 5000);
        assertEquals(4000, small.getWidth(), "no subsampling below what the model needs");
    }

    @Test
    void aFileClaimingTenGigapixelsIsRefusedWithoutDecoding() {
        byte[] bomb = png(100_000, 100_000);
        ImageClassifier.UndecodableImageException e = assertThrows(ImageClassifier.UndecodableImageException.class,
                () -> ImageDecoder.decode(3, bomb, 224));
        assertEquals(3, e.index());
        assertTrue(e.getMessage().contains("100000×100000") && e.getMessage().contains("megapixels"), e.getMessage());
    }

    /** A PNG whose header claims {@code w}×{@code h} pixels, with no picture data behind it. */
    private static byte[] png(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
