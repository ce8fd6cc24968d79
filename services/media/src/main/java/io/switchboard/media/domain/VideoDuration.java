package io.switchboard.media.domain;

import java.nio.charset.StandardCharsets;

/**
 * A video's duration in whole seconds (rounded up), read from its container through a few small ranged
 * reads, never the media data. The container is told by the file's first bytes: EBML (WebM, Matroska) is
 * read by {@link MatroskaDuration}; anything else is taken for an ISO base media file (MP4, QuickTime), whose
 * {@code mvhd} box inside {@code moov} holds a time scale and a duration. Phones write {@code moov} either
 * before the media data (fast start) or after it, so the top-level boxes are walked by their headers, reading
 * only those headers and {@code moov}'s first children, wherever {@code moov} is. A container that does not
 * say (browsers' recorders leave WebM's duration out) gives no duration, as the vendor's field allows.
 */
public final class VideoDuration {
    /** Boxes looked at before giving up: a well-formed file has a handful at the top level. */
    private static final int MAX_BOXES = 64;

    /** Reads {@code length} bytes at {@code offset} of the object (fewer at its end). */
    @FunctionalInterface
    public interface Ranges {
        byte[] read(long offset, int length);
    }

    private VideoDuration() {
    }

    /**
     * The duration in seconds, or null if the container does not say or is neither WebM/Matroska nor ISO media.
     * Malformed input gives null too; only the reader's own failures are thrown.
     */
    public static Integer seconds(long size, Ranges file) {
        return MatroskaDuration.isEbml(file.read(0, 4)) ? MatroskaDuration.seconds(size, file) : isoSeconds(size, file);
    }

    private static Integer isoSeconds(long size, Ranges file) {
        long offset = 0;
        for (int n = 0; n < MAX_BOXES && offset + 8 <= size; n++) {
            Header box = header(file, offset, size);
            if (box == null) {
                return null;
            }
            if (box.type.equals("moov")) {
                return fromMoov(file, offset + box.headerLength, offset + box.size);
            }
            offset += box.size;
        }
        return null;
    }

    private static Integer fromMoov(Ranges file, long from, long to) {
        long offset = from;
        for (int n = 0; n < MAX_BOXES && offset + 8 <= to; n++) {
            Header child = header(file, offset, to);
            if (child == null) {
                return null;
            }
            if (child.type.equals("mvhd")) {
                byte[] b = file.read(offset + child.headerLength, 32);
                if (b.length < 4) {
                    return null;
                }
                int version = b[0] & 0xff;
                long timescale, duration;
                if (version == 1) {
                    if (b.length < 32) {
                        return null;
                    }
                    timescale = u32(b, 20);
                    duration = u64(b, 24);
                } else {
                    if (b.length < 20) {
                        return null;
                    }
                    timescale = u32(b, 12);
                    duration = u32(b, 16);
                }
                // all ones: "duration unknown" (fragmented files)
                boolean unknown = version == 1 ? duration == -1L : duration == 0xffffffffL;
                if (timescale == 0 || unknown || duration < 0) {
                    return null;
                }
                long seconds = (duration + timescale - 1) / timescale;
                return seconds > Integer.MAX_VALUE ? null : (int) seconds;
            }
            offset += child.size;
        }
        return null;
    }

    private record Header(long size, int headerLength, String type) {
    }

    /** The box header at {@code offset}, or null if it is malformed or runs past {@code end}. */
    private static Header header(Ranges file, long offset, long end) {
        byte[] b = file.read(offset, 16);
        if (b.length < 8) {
            return null;
        }
        long size = u32(b, 0);
        String type = new String(b, 4, 4, StandardCharsets.ISO_8859_1);
        int headerLength = 8;
        if (size == 1) {
            if (b.length < 16) {
                return null;
            }
            size = u64(b, 8);
            headerLength = 16;
        } else if (size == 0) {
            size = end - offset; // the box runs to the end of its container
        }
        // size > end - offset, not offset + size > end: a 64-bit size near the limit would wrap around
        if (size < headerLength || size > end - offset) {
            return null;
        }
        return new Header(size, headerLength, type);
    }

    private static long u32(byte[] b, int i) {
        return ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xffL) << 16) | ((b[i + 2] & 0xffL) << 8) | (b[i + 3] & 0xffL);
    }

    private static long u64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }
}
