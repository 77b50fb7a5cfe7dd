package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void aPhoneJpegWithAnExifOrientationIsTurnedUpright() throws Exception {
        // Stored landscape, red left and blue right, tagged "rotate 90° clockwise to view" (6), as phones
        // save portrait photos: upright, red is on top.
        byte[] jpeg = withOrientation(halves(40, 20), 6, false);
        assertEquals(6, ExifOrientation.of(jpeg));
        Path file = Files.createTempFile("portrait", ".jpg");
        try {
            Files.write(file, jpeg);
            assertEquals(6, ExifOrientation.of(file), "read from the file's head");
        } finally {
            Files.delete(file);
        }
        BufferedImage upright = ImageDecoder.decode(0, jpeg, 8);
        assertEquals(20, upright.getWidth());
        assertEquals(40, upright.getHeight());
        assertTrue(isRed(upright.getRGB(10, 5)) && isBlue(upright.getRGB(10, 35)),
                Integer.toHexString(upright.getRGB(10, 5)) + " / " + Integer.toHexString(upright.getRGB(10, 35)));

        byte[] littleEndian = withOrientation(halves(40, 20), 8, true);
        BufferedImage ccw = ImageDecoder.decode(0, littleEndian, 8);
        assertTrue(isBlue(ccw.getRGB(10, 5)) && isRed(ccw.getRGB(10, 35)), "8: turned the other way");
        assertEquals(1, ExifOrientation.of(halves(40, 20)), "no EXIF: as stored");
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 180 && (rgb & 0xFF) < 80;
    }

    private static boolean isBlue(int rgb) {
        return (rgb & 0xFF) > 180 && ((rgb >> 16) & 0xFF) < 80;
    }

    private static byte[] halves(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment holding only the orientation tag, after the JFIF segment. */
    private static byte[] withOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        ByteOrder order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M')
                .putShort((short) 42).putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(0xFF);
        out.write(0xE1);
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) (exif.length + 2)).array());
        out.writeBytes(exif);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
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
