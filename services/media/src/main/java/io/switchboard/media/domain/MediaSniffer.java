package io.switchboard.media.domain;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What the first bytes of an object say it is. For photos this goes past the magic number: a PNG needs
 * its header chunk, a JPEG a frame header, a WebP its VP8/VP8L/VP8X chunk, each with a non-zero size,
 * so a file that only starts like an image is not taken for one; HEIC is recognised by its {@code ftyp}
 * brand (no JDK decoder reads it). Videos are recognised by their container ({@code ftyp} box, EBML).
 */
public final class MediaSniffer {
    /** How many leading bytes {@link #sniff} wants: enough for the JPEG frame header after common EXIF/ICC segments. */
    public static final int HEAD_BYTES = 256 * 1024;

    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private MediaSniffer() {
    }

    /** The content type the bytes prove, among {@code kind}'s, or null. */
    public static String sniff(MediaKind kind, byte[] head) {
        if (head == null || head.length < 12) {
            return null;
        }
        return kind == MediaKind.PHOTO ? image(head) : video(head);
    }

    private static String image(byte[] b) {
        if (startsWith(b, PNG)) {
            // IHDR must be the first chunk: length 13, then width and height (both > 0).
            return b.length >= 24 && ascii(b, 12, 4).equals("IHDR") && u32(b, 16) > 0 && u32(b, 20) > 0 ? "image/png" : null;
        }
        if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return jpegFrame(b) ? "image/jpeg" : null;
        }
        if (ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return webp(b) ? "image/webp" : null;
        }
        if (ascii(b, 4, 4).equals("ftyp") && HEIC_BRANDS.contains(ascii(b, 8, 4))) {
            return "image/heic";
        }
        return null;
    }

    /** Walks the JPEG segments to a start-of-frame marker with a non-zero height and width. */
    private static boolean jpegFrame(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return false;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                return false; // end of image or scan data before any frame header
            }
            int length = u16(b, i + 2);
            if (length < 2) {
                return false;
            }
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return u16(b, i + 5) > 0 && u16(b, i + 7) > 0;
            }
            i += 2 + length;
        }
        return false;
    }

    private static boolean webp(byte[] b) {
        if (b.length < 30) {
            return false;
        }
        String chunk = ascii(b, 12, 4);
        switch (chunk) {
            case "VP8 ": // key frame start code, then 14-bit width and height
                return (b[23] & 0xff) == 0x9d && (b[24] & 0xff) == 0x01 && (b[25] & 0xff) == 0x2a
                        && (u16le(b, 26) & 0x3fff) > 0 && (u16le(b, 28) & 0x3fff) > 0;
            case "VP8L":
                return (b[20] & 0xff) == 0x2f;
            case "VP8X": // canvas size minus one: always at least 1×1
                return true;
            default:
                return false;
        }
    }

    private static String video(byte[] b) {
        if (ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4);
            if (brand.equals("qt  ")) {
                return "video/quicktime";
            }
            return HEIC_BRANDS.contains(brand) ? null : "video/mp4";
        }
        if (MatroskaDuration.isEbml(b)) {
            // An EBML header; its DocType says webm (matroska is not accepted).
            return new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1).contains("webm") ? "video/webm" : null;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int length) {
        return from + length > b.length ? "" : new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
    }
}
