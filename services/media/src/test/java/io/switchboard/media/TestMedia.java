package io.switchboard.media;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Real files of each kind, made here: images through ImageIO, containers by their published layouts. */
public final class TestMedia {
    private TestMedia() {
    }

    /** A PNG of random pixels (so every call gives different bytes). */
    public static byte[] png(int width, int height) {
        return image("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpeg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] image(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An MP4 file start: an {@code ftyp} box of brand {@code isom}, then {@code size} bytes in an {@code mdat} box. */
    public static byte[] mp4(int size) {
        return isoFile("isom", size);
    }

    public static byte[] quicktime(int size) {
        return isoFile("qt  ", size);
    }

    /** A HEIC file start: an {@code ftyp} box of brand {@code heic}. */
    public static byte[] heic(int size) {
        return isoFile("heic", size);
    }

    private static byte[] isoFile(String brand, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, "ftyp", concat(ascii(brand), new byte[] {0, 0, 0, 0}, ascii("isom"), ascii(brand)));
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        box(out, "mdat", data);
        return out.toByteArray();
    }

    /**
     * An MP4 whose {@code moov} holds an {@code mvhd} of version 0 with {@code timescale} and {@code duration};
     * {@code moov} before the {@code mdat} of {@code size} random bytes (fast start) or after it, as phones write
     * either.
     */
    public static byte[] mp4WithDuration(int size, long timescale, long duration, boolean moovFirst) {
        ByteArrayOutputStream mvhd = new ByteArrayOutputStream();
        mvhd.writeBytes(new byte[] {0, 0, 0, 0}); // version 0, flags
        mvhd.writeBytes(be32(0)); // creation time
        mvhd.writeBytes(be32(0)); // modification time
        mvhd.writeBytes(be32(timescale));
        mvhd.writeBytes(be32(duration));
        mvhd.writeBytes(new byte[80]); // rate, volume, matrix, next track id: not read
        ByteArrayOutputStream moov = new ByteArrayOutputStream();
        box(moov, "mvhd", mvhd.toByteArray());
        byte[] data = new byte[size];
        ThreadLocalRandom.current().nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, "ftyp", concat(ascii("isom"), new byte[] {0, 0, 0, 0}, ascii("isom"), ascii("mp41")));
        if (moovFirst) {
            box(out, "moov", moov.toByteArray());
        }
        box(out, "mdat", data);
        if (!moovFirst) {
            box(out, "moov", moov.toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] be32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** A lossless WebP header (RIFF, WEBP, VP8L with its signature byte) and padding. */
    public static byte[] webpLossless(int size) {
        byte[] body = new byte[Math.max(size, 16)];
        body[0] = 0x2f;
        return riff("VP8L", body);
    }

    private static byte[] riff(String chunk, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(4 + 8 + body.length));
        out.writeBytes(ascii("WEBP"));
        out.writeBytes(ascii(chunk));
        out.writeBytes(le32(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void box(ByteArrayOutputStream out, String type, byte[] body) {
        int length = 8 + body.length;
        out.writeBytes(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        out.writeBytes(ascii(type));
        out.writeBytes(body);
    }

    private static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
