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

    /**
     * A WebM file as muxers write it: the EBML header, then a Segment of known size holding a SeekHead, a Void
     * of {@code padding} bytes, Info (a 1 ms TimecodeScale and {@code durationMs} as a float64), Tracks and a
     * Cluster of {@code mediaBytes} random bytes.
     */
    public static byte[] webmWithDuration(int padding, double durationMs, int mediaBytes) {
        byte[] media = new byte[mediaBytes];
        ThreadLocalRandom.current().nextBytes(media);
        return concat(Ebml.header("webm"), Ebml.element(Ebml.SEGMENT,
                Ebml.element(Ebml.SEEK_HEAD, Ebml.element(0x4DBB, Ebml.uint(0x53AB, Ebml.INFO), Ebml.uint(0x53AC, 42))),
                Ebml.element(Ebml.VOID, new byte[padding]),
                Ebml.element(Ebml.INFO, Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000), Ebml.float64(Ebml.DURATION, durationMs),
                        Ebml.string(0x4D80, "switchboard-test"), Ebml.string(0x5741, "switchboard-test")),
                Ebml.element(Ebml.TRACKS, Ebml.element(0xAE, Ebml.uint(0xD7, 1), Ebml.string(0x86, "V_VP8"))),
                Ebml.element(Ebml.CLUSTER, Ebml.uint(0xE7, 0), Ebml.element(0xA3, media))));
    }

    /**
     * A small EBML writer: an element is its ID (marker bits kept, as the Matroska spec lists IDs), its data
     * size as a variable-size integer, and its data.
     */
    public static final class Ebml {
        public static final long EBML = 0x1A45DFA3L;
        public static final long SEGMENT = 0x18538067L;
        public static final long SEEK_HEAD = 0x114D9B74L;
        public static final long INFO = 0x1549A966L;
        public static final long TIMECODE_SCALE = 0x2AD7B1L;
        public static final long DURATION = 0x4489L;
        public static final long TRACKS = 0x1654AE6BL;
        public static final long CLUSTER = 0x1F43B675L;
        public static final long VOID = 0xECL;
        /** An 8-byte size with all its bits 1: the size is unknown (the element runs to its parent's end). */
        public static final byte[] UNKNOWN_SIZE = {0x01, -1, -1, -1, -1, -1, -1, -1};

        private Ebml() {
        }

        /** The EBML header of version 1 naming {@code docType}. */
        public static byte[] header(String docType) {
            return element(EBML, uint(0x4286, 1), uint(0x42F7, 1), uint(0x42F2, 4), uint(0x42F3, 8),
                    string(0x4282, docType), uint(0x4287, 4), uint(0x4285, 2));
        }

        /** An element with its size in the fewest bytes. */
        public static byte[] element(long id, byte[]... data) {
            byte[] body = concat(data);
            int length = 1;
            while (body.length >= (1L << (7 * length)) - 1) {
                length++;
            }
            return concat(id(id), size(body.length, length), body);
        }

        /** An element with its size in {@code sizeLength} bytes, as libwebm writes Segment and Cluster sizes (8). */
        public static byte[] element(long id, int sizeLength, byte[]... data) {
            byte[] body = concat(data);
            return concat(id(id), size(body.length, sizeLength), body);
        }

        /** An element whose size is written as unknown, as browsers' MediaRecorder writes its Segment. */
        public static byte[] unknownSize(long id, byte[]... data) {
            return concat(id(id), UNKNOWN_SIZE, concat(data));
        }

        public static byte[] uint(long id, long value) {
            int length = 1;
            while (length < 8 && (value >>> (8 * length)) != 0) {
                length++;
            }
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (value >>> (8 * (length - 1 - i)));
            }
            return element(id, data);
        }

        public static byte[] float64(long id, double value) {
            long bits = Double.doubleToRawLongBits(value);
            byte[] data = new byte[8];
            for (int i = 0; i < 8; i++) {
                data[i] = (byte) (bits >>> (8 * (7 - i)));
            }
            return element(id, data);
        }

        public static byte[] float32(long id, float value) {
            int bits = Float.floatToRawIntBits(value);
            return element(id, new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        }

        public static byte[] string(long id, String value) {
            return element(id, ascii(value));
        }

        /** An ID's bytes: as many as its value needs, its marker bit being part of it. */
        public static byte[] id(long id) {
            int length = (64 - Long.numberOfLeadingZeros(id) + 7) / 8;
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (id >>> (8 * (length - 1 - i)));
            }
            return bytes;
        }

        /** {@code value} as a variable-size integer of {@code length} bytes: a marker bit after length - 1 zeros. */
        public static byte[] size(long value, int length) {
            if (value >= (1L << (7 * length)) - 1) {
                throw new IllegalArgumentException(value + " does not fit " + length + " bytes");
            }
            byte[] bytes = new byte[length];
            long marked = value | (1L << (7 * length));
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (marked >>> (8 * (length - 1 - i)));
            }
            return bytes;
        }
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
